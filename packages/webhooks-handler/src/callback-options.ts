import { closestMatch } from './closest-match';
import { WebhooksHandlerError } from './errors';

const deliveryOptionNames = [
  'secret',
  'onEvent',
  'onError',
  'store',
  'unhandledEvents',
  'maxBodyBytes',
  'toleranceSeconds',
];

/**
 * Refuses an options object with a name that is neither a known option nor a callback (a misspelled
 * callback would otherwise never run, silently), and callbacks that are not functions.
 *
 * @throws {WebhooksHandlerError} `invalid_option`.
 */
export function checkCallbackOptions(
  factory: string,
  options: unknown,
  callbackNames: ReadonlySet<string>,
  hint: string,
): void {
  if (typeof options !== 'object' || options === null) {
    throw new WebhooksHandlerError('invalid_option', `${factory} takes an options object.`);
  }
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const isCallback = callbackNames.has(name) || name === 'onEvent';
    if (!isCallback && deliveryOptionNames.includes(name)) continue;
    if (!isCallback) {
      const suggestion = closestMatch(name, [...callbackNames, ...deliveryOptionNames]);
      throw new WebhooksHandlerError(
        'invalid_option',
        `unknown option \`${name}\`${suggestion ? `; did you mean \`${suggestion}\`` : ''}. ${hint}`,
      );
    }
    if (typeof value !== 'function') {
      throw new WebhooksHandlerError('invalid_option', `\`${name}\` must be a function.`);
    }
  }
}
