import type { Rejection } from './rejection';

/**
 * When a sender signed a delivery (Unix seconds, as in `svix-timestamp` and Stripe's `t=`), or why it
 * is refused: a delivery more than `toleranceSeconds` away from now, either way, is a replay or a clock
 * problem.
 */
export function signingTime(seconds: string, toleranceSeconds: number, header: string): Date | Rejection {
  if (!/^\d{1,15}$/.test(seconds)) {
    return { code: 'invalid_timestamp', message: `${header} is not a Unix time in seconds.` };
  }
  const skew = Math.floor(Date.now() / 1000) - Number(seconds);
  if (skew > toleranceSeconds) {
    return {
      code: 'timestamp_too_old',
      message: `The delivery was signed ${skew} s ago; at most ${toleranceSeconds} s are accepted (replay protection).`,
    };
  }
  if (-skew > toleranceSeconds) {
    return {
      code: 'timestamp_too_new',
      message: `The delivery is dated ${-skew} s in the future; at most ${toleranceSeconds} s are accepted. Check the server clock.`,
    };
  }
  return new Date(Number(seconds) * 1000);
}
