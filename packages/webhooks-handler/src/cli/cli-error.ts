/** Why the CLI stopped. */
export type CliErrorCode =
  | 'unknown_command'
  | 'invalid_option'
  | 'unknown_event_type'
  | 'missing_secret'
  | 'invalid_secret'
  | 'endpoint_unreachable'
  | 'delivery_failed';

/** Codes that report bad usage (exit code 2) rather than a failed delivery (exit code 1). */
const usageCodes: ReadonlySet<CliErrorCode> = new Set([
  'unknown_command',
  'invalid_option',
  'unknown_event_type',
  'missing_secret',
  'invalid_secret',
]);

/**
 * What `clerkship-webhooks` reports on stderr before exiting non-zero. The message reads
 * `clerkship-webhooks: <what happened>. <how to fix>` and never contains the signing secret.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(`clerkship-webhooks: ${message}`, options);
    this.code = code;
  }

  /** 2 for bad usage, 1 for a delivery that failed. */
  get exitCode(): 1 | 2 {
    return usageCodes.has(this.code) ? 2 : 1;
  }
}
