import { z } from 'zod';
import { LicensingError } from './errors';

/** One plan as the app declares it: the Stripe price of one seat, the seat bounds, an optional trial. */
export interface PlanDefinition {
  /** The Stripe price id of one seat (a recurring, per-unit price): `price_...`. */
  price: string;
  /** How many seats an organization may buy: `min` ≥ 1, `max` ≤ 999 999 (Stripe's Checkout bound). */
  seats: { min: number; max: number };
  /** Free days before the first charge, given to Checkout as `subscription_data.trial_period_days`. */
  trialDays?: number;
}

/** A declared plan, with its key. */
export interface Plan<Key extends string = string> extends PlanDefinition {
  key: Key;
}

/** What a client sends to start a checkout: a plan key and a quantity, never a price id. */
export interface CheckoutInput<Key extends string = string> {
  plan: Key;
  seats: number;
}

/** The app's plans, declared once: lookups by key and price, and the zod schemas of client input. */
export interface Plans<Key extends string = string> {
  /** The declared plan keys, in declaration order. */
  readonly keys: readonly Key[];
  /** The plan of a key. */
  get(key: Key): Plan<Key>;
  /** The plan whose seat price is `priceId`, or `undefined` for a price the app did not declare. */
  byPrice(priceId: string): Plan<Key> | undefined;
  /** zod schemas for client input, to reuse in forms, server actions and route handlers. */
  readonly schemas: {
    /** `{ plan, seats }`: a declared plan key and a whole number of seats (a numeric string is accepted). */
    checkout: z.ZodType<CheckoutInput<Key>, unknown>;
    /** `{ seats }`: a whole number of seats, for a seat change. */
    seatChange: z.ZodType<{ seats: number }, unknown>;
  };
  /**
   * Parses a checkout input and checks the quantity against the plan's bounds.
   *
   * @throws {LicensingError} `invalid_input` or `quantity_out_of_range`; nothing has changed.
   */
  parseCheckout(input: unknown): CheckoutInput<Key>;
  /**
   * Checks a quantity against a plan's bounds.
   *
   * @throws {LicensingError} `quantity_out_of_range`.
   */
  checkQuantity(key: Key, seats: number): void;
}

const seatCount = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/, 'a whole number')
      .transform(Number),
  ])
  .pipe(z.number().int('a whole number').safe());

const planDefinitionSchema = z
  .object({
    price: z.string().regex(/^price_\w+$/, 'a Stripe price id (price_...)'),
    seats: z.object({
      min: z.number().int().min(1),
      max: z.number().int().max(999_999),
    }),
    trialDays: z.number().int().min(1).max(730).optional(),
  })
  .refine((plan) => plan.seats.min <= plan.seats.max, { message: 'seats.min must not exceed seats.max' });

/** Turns the first zod issue into one readable sentence. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'the input is not valid';
  const path = issue.path.length > 0 ? `\`${issue.path.join('.')}\`: ` : '';
  return `${path}${issue.message}`;
}

/**
 * Parses client input with a schema.
 *
 * @throws {LicensingError} `invalid_input` (422) naming the first problem.
 */
export function parseInput<T>(schema: z.ZodType<T, unknown>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new LicensingError(
    'invalid_input',
    `${what} is not valid (${describeIssue(result.error)}). Send the fields the schema in plans.schemas describes.`,
    { cause: result.error },
  );
}

/**
 * Declares the app's plans once: plan key → Stripe seat price, seat bounds, trial days. Clients send a
 * plan key and a quantity; the price id never leaves the server. Keys autocomplete everywhere.
 *
 * @example
 * export const plans = definePlans({
 *   team: { price: 'price_1PajlBGVJ29rMAV1JmqqgEwa', seats: { min: 1, max: 200 }, trialDays: 14 },
 *   enterprise: { price: 'price_1Pb0000000000000000000', seats: { min: 20, max: 5000 } },
 * } as const);
 * plans.parseCheckout({ plan: 'team', seats: 5 }); // { plan: 'team', seats: 5 }
 *
 * @throws {LicensingError} `invalid_option` for a malformed plan or two plans with one price.
 */
export function definePlans<const Definitions extends Record<string, PlanDefinition>>(
  definitions: Definitions,
): Plans<Extract<keyof Definitions, string>> {
  type Key = Extract<keyof Definitions, string>;
  const keys = Object.keys(definitions ?? {}) as Key[];
  if (keys.length === 0) {
    throw new LicensingError(
      'invalid_option',
      'definePlans() needs at least one plan. Declare { <key>: { price, seats: { min, max } } }.',
    );
  }
  const byKey = new Map<string, Plan<Key>>();
  const byPrice = new Map<string, Plan<Key>>();
  for (const key of keys) {
    const parsed = planDefinitionSchema.safeParse(definitions[key]);
    if (!parsed.success) {
      throw new LicensingError(
        'invalid_option',
        `plan "${key}" is not valid (${describeIssue(parsed.error)}). Declare { price: 'price_...', seats: { min, max } }.`,
      );
    }
    const plan: Plan<Key> = { key, ...parsed.data };
    if (byPrice.has(plan.price)) {
      throw new LicensingError(
        'invalid_option',
        `plans "${byPrice.get(plan.price)?.key}" and "${key}" share the price ${plan.price}. Give each plan its own Stripe price.`,
      );
    }
    byKey.set(key, plan);
    byPrice.set(plan.price, plan);
  }

  const checkout = z.object({
    plan: z.enum(keys as [Key, ...Key[]], { error: `one of the declared plans: ${keys.join(', ')}` }),
    seats: seatCount,
  }) as unknown as z.ZodType<CheckoutInput<Key>, unknown>;
  const seatChange = z.object({ seats: seatCount }) as z.ZodType<{ seats: number }, unknown>;

  function get(key: Key): Plan<Key> {
    const plan = byKey.get(key);
    if (!plan) {
      throw new LicensingError(
        'invalid_input',
        `"${key}" is not a declared plan. Use one of: ${keys.join(', ')}.`,
      );
    }
    return plan;
  }

  function checkQuantity(key: Key, seats: number): void {
    const { min, max } = get(key).seats;
    if (seats < min || seats > max) {
      throw new LicensingError(
        'quantity_out_of_range',
        `the plan "${key}" sells ${min} to ${max} seats, not ${seats}. Choose a quantity in that range.`,
      );
    }
  }

  return {
    keys,
    get,
    byPrice: (priceId) => byPrice.get(priceId),
    schemas: { checkout, seatChange },
    parseCheckout(input) {
      const parsed = parseInput(checkout, input, 'The checkout input');
      checkQuantity(parsed.plan, parsed.seats);
      return parsed;
    },
    checkQuantity,
  };
}

/**
 * A member named by a client (assign, revoke): a Clerk user id. Underscores after the prefix are
 * accepted, as `@clerkship/waitlist` accepts them: ids of imported users, and the seeded and local
 * users of `@clerkship/testing` and the example app (`user_seed_001`, `user_local_bob`).
 */
export const memberInputSchema = z.object({
  userId: z.string().regex(/^user_[A-Za-z0-9_]+$/, 'a Clerk user id (user_...)'),
});
