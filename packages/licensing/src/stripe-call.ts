import { LicensingError } from './errors';

/**
 * Runs one Stripe call; a refusal or a network failure becomes `stripe_failed` (502) naming `what` was
 * refused and Stripe's own message, followed by `then`: what the caller can do, and what did not change.
 */
export async function stripeCall<T>(what: string, run: () => Promise<T>, then: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = (error as { message?: unknown } | null)?.message;
    throw new LicensingError(
      'stripe_failed',
      `Stripe refused ${what}${typeof message === 'string' ? ` (${message})` : ''}. ${then}`,
      { cause: error },
    );
  }
}
