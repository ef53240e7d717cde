import { z } from 'zod';
import { LicensingError } from '../errors';
import { type CheckoutInput, describeIssue, type Plan, type Plans } from '../plans';

/** What the sign-up form sends: a plan key, seats, and the organization's name for a team plan. */
export interface SignupInput<Key extends string = string> extends CheckoutInput<Key> {
  /** Required when the plan is for teams (it sells more than one seat). */
  organizationName?: string;
}

/** A parsed sign-up: the plan, its seats, and the name the organization gets. */
export interface ParsedSignup<Key extends string = string> {
  plan: Plan<Key>;
  seats: number;
  organizationName: string;
}

/** A plan is for teams when it sells more than one seat; a one-seat plan gets a personal organization. */
export function isTeamPlan(plan: Plan): boolean {
  return plan.seats.max > 1;
}

const organizationName = z
  .string()
  .trim()
  .min(1, 'the organization’s name')
  .max(100, 'at most 100 characters')
  .optional();

/** The zod schema of the sign-up form, from the app's plans: `plans.schemas.checkout` plus the name. */
export function signupSchema<Key extends string>(plans: Plans<Key>): z.ZodType<SignupInput<Key>, unknown> {
  return z.intersection(
    plans.schemas.checkout,
    z.object({
      // An empty field of an HTML form means "not given".
      organizationName: z.preprocess((value) => (value === '' ? undefined : value), organizationName),
    }),
  ) as z.ZodType<SignupInput<Key>, unknown>;
}

/**
 * Parses a sign-up with licensing's schemas: a declared plan key (never a price id), seats within the
 * plan's bounds, and the organization's name when the plan is for teams.
 *
 * @throws {LicensingError} `invalid_input` or `quantity_out_of_range` (422); nothing has changed.
 */
export function parseSignup<Key extends string>(
  plans: Plans<Key>,
  schema: z.ZodType<SignupInput<Key>, unknown>,
  input: unknown,
  personalName: string,
): ParsedSignup<Key> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new LicensingError(
      'invalid_input',
      `the sign-up is not valid (${describeIssue(result.error)}). Send { plan, seats, organizationName } with a declared plan key.`,
      { cause: result.error },
    );
  }
  const { plan: key, seats, organizationName: name } = result.data;
  plans.checkQuantity(key, seats);
  const plan = plans.get(key);
  if (isTeamPlan(plan) && !name) {
    throw new LicensingError(
      'invalid_input',
      `the plan "${key}" is for teams, so the sign-up needs \`organizationName\`. Ask for the team’s name in the form.`,
    );
  }
  return { plan, seats, organizationName: name ?? personalName };
}
