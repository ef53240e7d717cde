import type Stripe from 'stripe';
import { z } from 'zod';
import type { FormParams } from './form-body';
import { listPage } from './list';
import { idOf, requirePrice, requireProduct } from './lookups';
import { boolean, integer, metadata, parseParams, updatedMetadata } from './params';
import { createProduct, productParams } from './products';
import type { Route } from './route';
import { type StripeFakeState, wireDecimal } from './stripe-fake-state';
import { invalidRequest } from './stripe-request-error';

const createParams = z.object({
  currency: z.string().regex(/^[a-z]{3}$/, { error: 'Invalid currency' }),
  product: z.string().optional(),
  product_data: productParams.omit({ id: true }).optional(),
  unit_amount: integer.optional(),
  recurring: z
    .object({
      interval: z.enum(['day', 'week', 'month', 'year']),
      interval_count: integer.optional(),
      trial_period_days: integer.optional(),
    })
    .optional(),
  lookup_key: z.string().optional(),
  transfer_lookup_key: boolean.optional(),
  nickname: z.string().optional(),
  active: boolean.optional(),
  metadata: metadata.optional(),
});

/** The legacy `plan` that Stripe still puts beside `price` on every subscription item. */
export function planOf(price: Stripe.Price): Stripe.Plan {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: price.recurring?.trial_period_days ?? null,
    usage_type: 'licensed',
  } satisfies Stripe.Plan;
}

function createPrice(state: StripeFakeState, params: FormParams): Stripe.Price {
  const input = parseParams(createParams, params);
  if (!input.product && !input.product_data)
    throw invalidRequest('Missing required param: product.', 'product', 'parameter_missing');
  if (input.unit_amount === undefined)
    throw invalidRequest('Missing required param: unit_amount.', 'unit_amount', 'parameter_missing');
  if (input.unit_amount < 0)
    throw invalidRequest('This value must be greater than or equal to 0.', 'unit_amount');
  const product = input.product
    ? requireProduct(state, input.product, 'product')
    : createProduct(state, input.product_data as z.output<typeof productParams>);
  if (input.lookup_key) {
    const holder = [...state.prices.values()].find((price) => price.lookup_key === input.lookup_key);
    if (holder && !input.transfer_lookup_key)
      throw invalidRequest(
        `A price (\`${holder.id}\`) already uses that lookup key.`,
        'lookup_key',
        'lookup_key_already_exists',
      );
    if (holder) {
      const before = structuredClone(holder);
      holder.lookup_key = null;
      state.emit('price.updated', holder, before);
    }
  }
  const price = state.track<Stripe.Price>({
    id: state.id('price'),
    object: 'price',
    active: input.active ?? true,
    billing_scheme: 'per_unit',
    created: state.now,
    currency: input.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: input.lookup_key ?? null,
    metadata: updatedMetadata({}, input.metadata),
    nickname: input.nickname ?? null,
    product: product.id,
    recurring: input.recurring
      ? {
          interval: input.recurring.interval,
          interval_count: input.recurring.interval_count ?? 1,
          meter: null,
          trial_period_days: input.recurring.trial_period_days ?? null,
          usage_type: 'licensed',
        }
      : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: input.recurring ? 'recurring' : 'one_time',
    unit_amount: input.unit_amount,
    unit_amount_decimal: wireDecimal(input.unit_amount),
  });
  state.prices.set(price.id, price);
  state.emit('price.created', price);
  return price;
}

function updatePrice(state: StripeFakeState, id: string, params: FormParams) {
  const price = requirePrice(state, id);
  const input = parseParams(
    createParams.pick({ active: true, lookup_key: true, nickname: true, metadata: true }).partial(),
    params,
  );
  const before = structuredClone(price);
  if (input.active !== undefined) price.active = input.active;
  if (input.lookup_key !== undefined) price.lookup_key = input.lookup_key || null;
  if (input.nickname !== undefined) price.nickname = input.nickname || null;
  price.metadata = updatedMetadata(price.metadata, input.metadata);
  state.emit('price.updated', price, before);
  return price;
}

const listParams = z.object({
  lookup_keys: z.array(z.string()).optional(),
  product: z.string().optional(),
  active: boolean.optional(),
  type: z.enum(['one_time', 'recurring']).optional(),
});

export const priceRoutes: readonly Route[] = [
  { method: 'POST', path: /^\/v1\/prices$/, handle: ({ state, params }) => createPrice(state, params) },
  {
    method: 'GET',
    path: /^\/v1\/prices$/,
    handle: ({ state, params }) => {
      const filter = parseParams(listParams, params);
      const prices = [...state.prices.values()].filter(
        (price) =>
          (!filter.lookup_keys ||
            (price.lookup_key !== null && filter.lookup_keys.includes(price.lookup_key))) &&
          (!filter.product || idOf(price.product) === filter.product) &&
          (filter.active === undefined || price.active === filter.active) &&
          (!filter.type || price.type === filter.type),
      );
      return listPage(state, prices, params, '/v1/prices');
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/prices\/([^/]+)$/,
    handle: ({ state, ids: [id = ''] }) => requirePrice(state, id),
  },
  {
    method: 'POST',
    path: /^\/v1\/prices\/([^/]+)$/,
    handle: ({ state, params, ids: [id = ''] }) => updatePrice(state, id, params),
  },
];
