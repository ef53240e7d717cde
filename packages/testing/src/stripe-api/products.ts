import type Stripe from 'stripe';
import { z } from 'zod';
import type { FormParams } from './form-body';
import { listPage } from './list';
import { requireProduct } from './lookups';
import { boolean, metadata, parseParams, updatedMetadata } from './params';
import type { Route } from './route';
import type { StripeFakeState } from './stripe-fake-state';
import { invalidRequest } from './stripe-request-error';

export const productParams = z.object({
  id: z.string().optional(),
  name: z.string().min(1, { error: 'Missing required param: name.' }),
  description: z.string().optional(),
  active: boolean.optional(),
  metadata: metadata.optional(),
});

/** Creates a product (`product.created`). */
export function createProduct(state: StripeFakeState, input: z.output<typeof productParams>): Stripe.Product {
  const id = input.id ?? state.id('prod', 14);
  if (state.products.has(id))
    throw invalidRequest(`Product already exists.`, 'id', 'resource_already_exists');
  const product = state.track<Stripe.Product>({
    id,
    object: 'product',
    active: input.active ?? true,
    created: state.now,
    default_price: null,
    description: input.description ?? null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: updatedMetadata({}, input.metadata),
    name: input.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: null,
    updated: state.now,
    url: null,
  });
  state.products.set(id, product);
  state.emit('product.created', product);
  return product;
}

function updateProduct(state: StripeFakeState, id: string, params: FormParams) {
  const product = requireProduct(state, id);
  const input = parseParams(productParams.partial(), params);
  const before = structuredClone(product);
  if (input.name !== undefined) product.name = input.name;
  if (input.description !== undefined) product.description = input.description || null;
  if (input.active !== undefined) product.active = input.active;
  product.metadata = updatedMetadata(product.metadata, input.metadata);
  product.updated = state.now;
  state.emit('product.updated', product, before);
  return product;
}

export const productRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/v1\/products$/,
    handle: ({ state, params }) => createProduct(state, parseParams(productParams, params)),
  },
  {
    method: 'GET',
    path: /^\/v1\/products$/,
    handle: ({ state, params }) => {
      const active = params.active === undefined ? undefined : params.active === 'true';
      const products = [...state.products.values()].filter(
        (product) => active === undefined || product.active === active,
      );
      return listPage(state, products, params, '/v1/products');
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/products\/([^/]+)$/,
    handle: ({ state, ids: [id = ''] }) => requireProduct(state, id),
  },
  {
    method: 'POST',
    path: /^\/v1\/products\/([^/]+)$/,
    handle: ({ state, params, ids: [id = ''] }) => updateProduct(state, id, params),
  },
];
