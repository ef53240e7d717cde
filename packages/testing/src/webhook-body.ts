import { TestingError } from './errors';

/** The exact body a webhook request carries: a string as given, an object as JSON. */
export function webhookBody(event: object | string): string {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  if (body === undefined) {
    throw new TestingError('invalid_event', 'the event must be a JSON-serialisable object or a string body.');
  }
  return body;
}
