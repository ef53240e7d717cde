import { ClerkshipError } from '@clerkship/internal';

const marker = Symbol.for('clerkship.licensing.error');

/**
 * What went wrong, as a stable code.
 *
 * - `invalid_option` (no status): `createLicensing` or `definePlans` was configured wrongly.
 * - `invalid_input` (422): a checkout, seat or member input failed its schema (a plan key not declared,
 *   a quantity that is not a whole number, a malformed user id).
 * - `quantity_out_of_range` (422): a seat quantity outside the plan's `minSeats`…`maxSeats`.
 * - `no_organization` (403): the session has no active organization; licenses belong to organizations.
 * - `forbidden` (403): the caller may not manage billing for the active organization.
 * - `no_seat` (403): the member holds no licensed seat (or the license does not grant seats now).
 * - `no_subscription` (409): a seat change or portal session for an organization without a subscription.
 * - `already_subscribed` (409): a checkout for an organization whose subscription is already live.
 * - `license_inactive` (409): the license does not grant seats now (canceled, unpaid, grace over…).
 * - `seat_limit_reached` (409): every purchased seat is assigned.
 * - `seats_in_use` (409): a quantity lower than the seats assigned now.
 * - `not_a_member` (404): the user is not a member of the organization (Clerk says so).
 * - `stripe_failed` (502): Stripe refused or could not be reached.
 * - `clerk_failed` (502): the Clerk Backend API refused or could not be reached (after retrying 429s).
 * - `store_failed` (503): the database failed; nothing was granted (fail closed).
 * - `signed_out` (401): the sign-up flow got no signed-in, active session (signed out, pending, malformed).
 * - `signup_not_found` (404): the sign-up flow has no sign-up for this user; `start` was never called.
 * - `signup_in_progress` (409): another request of the same user held the sign-up for longer than the
 *   lease; nothing changed, retry.
 * - `signup_completed` (409): `start` for a sign-up that has given the user their seat; billing changes
 *   go through the billing functions (an admin's permission), not the sign-up.
 */
export type LicensingErrorCode =
  | 'invalid_option'
  | 'invalid_input'
  | 'quantity_out_of_range'
  | 'no_organization'
  | 'forbidden'
  | 'no_seat'
  | 'no_subscription'
  | 'already_subscribed'
  | 'license_inactive'
  | 'seat_limit_reached'
  | 'seats_in_use'
  | 'not_a_member'
  | 'stripe_failed'
  | 'clerk_failed'
  | 'store_failed'
  | 'signed_out'
  | 'signup_not_found'
  | 'signup_in_progress'
  | 'signup_completed';

const statuses: Record<LicensingErrorCode, number | undefined> = {
  invalid_option: undefined,
  invalid_input: 422,
  quantity_out_of_range: 422,
  no_organization: 403,
  forbidden: 403,
  no_seat: 403,
  no_subscription: 409,
  already_subscribed: 409,
  license_inactive: 409,
  seat_limit_reached: 409,
  seats_in_use: 409,
  not_a_member: 404,
  stripe_failed: 502,
  clerk_failed: 502,
  store_failed: 503,
  signed_out: 401,
  signup_not_found: 404,
  signup_in_progress: 409,
  signup_completed: 409,
};

/**
 * The error class of `@clerkship/licensing`: a stable `code`, the HTTP `status` a server answers with,
 * the `cause` where there is one, and a message saying what happened and how to fix it. A 4xx error
 * means nothing changed.
 *
 * @example
 * const result = await assignSeat({ userId });
 * // in a catch:
 * if (LicensingError.isInstance(error) && error.code === 'seat_limit_reached') showBuyMoreSeats();
 */
export class LicensingError extends ClerkshipError<LicensingErrorCode> {
  readonly [marker] = true;
  override readonly name = 'LicensingError';

  constructor(code: LicensingErrorCode, message: string, options: { cause?: unknown } = {}) {
    super('licensing', code, message, { status: statuses[code], cause: options.cause });
  }

  /** `instanceof` that also holds when two copies of the package are installed. */
  static isInstance(value: unknown): value is LicensingError {
    return typeof value === 'object' && value !== null && marker in value;
  }
}
