import { ClerkshipError, isClerkshipError } from '@clerkship/internal';

const marker = Symbol.for('clerkship.webhooks-handler.error');

/** Why a handler, store or mirror could not be set up or used. */
export type WebhooksHandlerErrorCode =
  | 'invalid_option'
  | 'missing_secret'
  | 'invalid_secret'
  | 'invalid_store'
  | 'invalid_mapping';

/**
 * The error class of `@clerkship/webhooks-handler`. It is thrown for programming and configuration
 * mistakes (a misspelled callback, a malformed secret); bad requests are never thrown, they are
 * answered with a 4xx JSON response. Messages never contain a secret.
 *
 * @example
 * if (WebhooksHandlerError.isInstance(error) && error.code === 'missing_secret') reportSetupProblem();
 */
export class WebhooksHandlerError extends ClerkshipError<WebhooksHandlerErrorCode> {
  readonly [marker] = true;
  override readonly name = 'WebhooksHandlerError';

  constructor(code: WebhooksHandlerErrorCode, message: string, options: { cause?: unknown } = {}) {
    super('webhooks-handler', code, message, { cause: options.cause });
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is WebhooksHandlerError {
    return isClerkshipError(value) && marker in value;
  }
}
