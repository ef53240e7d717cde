import type Stripe from 'stripe';
import { z } from 'zod';
import type { FormParams } from './form-body';
import { listPage } from './list';
import { idOf, requireCustomer } from './lookups';
import { metadata, parseParams, updatedMetadata } from './params';
import { attachPaymentMethod, resolvePaymentMethod } from './payment-methods';
import type { Route } from './route';
import type { StripeFakeState } from './stripe-fake-state';
import { invalidRequest } from './stripe-request-error';
import { cancelSubscription } from './subscription-lifecycle';

const nullableText = z.string().transform((value) => (value === '' ? null : value));

const customerParams = z.object({
  email: nullableText.optional(),
  name: nullableText.optional(),
  description: nullableText.optional(),
  phone: nullableText.optional(),
  metadata: metadata.optional(),
  payment_method: z.string().optional(),
  invoice_settings: z.object({ default_payment_method: nullableText.optional() }).optional(),
});

/** Stripe's new customer object. */
function buildCustomer(state: StripeFakeState, id: string): Stripe.Customer {
  return {
    id,
    object: 'customer',
    address: null,
    balance: 0,
    created: state.now,
    currency: null,
    customer_account: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: null,
    invoice_prefix: id.slice(4, 12).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: {},
    name: null,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  } satisfies Stripe.Customer;
}

function setDefaultPaymentMethod(state: StripeFakeState, customer: Stripe.Customer, id: string | null) {
  if (id !== null && state.paymentMethods.get(id)?.customer !== customer.id) {
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`,
      'invoice_settings[default_payment_method]',
      'resource_missing',
    );
  }
  customer.invoice_settings = { ...customer.invoice_settings, default_payment_method: id };
}

/** Creates a customer (`customer.created`), as the API and a completed Checkout do. */
export function createCustomer(state: StripeFakeState, params: FormParams): Stripe.Customer {
  const input = parseParams(customerParams, params);
  const paymentMethod = input.payment_method
    ? resolvePaymentMethod(state, input.payment_method, 'payment_method')
    : undefined;
  const customer = state.track(buildCustomer(state, state.id('cus', 14)));
  customer.email = input.email ?? null;
  customer.name = input.name ?? null;
  customer.description = input.description ?? null;
  customer.phone = input.phone ?? null;
  customer.metadata = updatedMetadata({}, input.metadata);
  state.customers.set(customer.id, customer);
  state.emit('customer.created', customer);
  if (paymentMethod) attachPaymentMethod(state, paymentMethod, customer.id);
  const defaultPaymentMethod = input.invoice_settings?.default_payment_method;
  if (defaultPaymentMethod) {
    const before = structuredClone(customer);
    setDefaultPaymentMethod(state, customer, resolvePaymentMethod(state, defaultPaymentMethod).id);
    state.emit('customer.updated', customer, before);
  }
  return customer;
}

function updateCustomer(state: StripeFakeState, id: string, params: FormParams): Stripe.Customer {
  const customer = requireCustomer(state, id);
  const input = parseParams(customerParams, params);
  const before = structuredClone(customer);
  if (input.payment_method) {
    attachPaymentMethod(state, resolvePaymentMethod(state, input.payment_method, 'payment_method'), id);
  }
  if (input.email !== undefined) customer.email = input.email;
  if (input.name !== undefined) customer.name = input.name;
  if (input.description !== undefined) customer.description = input.description;
  if (input.phone !== undefined) customer.phone = input.phone;
  customer.metadata = updatedMetadata(customer.metadata, input.metadata);
  const defaultPaymentMethod = input.invoice_settings?.default_payment_method;
  if (defaultPaymentMethod !== undefined) {
    setDefaultPaymentMethod(
      state,
      customer,
      defaultPaymentMethod === null ? null : resolvePaymentMethod(state, defaultPaymentMethod).id,
    );
  }
  if (JSON.stringify(before) !== JSON.stringify(customer)) state.emit('customer.updated', customer, before);
  return customer;
}

function deleteCustomer(state: StripeFakeState, id: string) {
  const customer = requireCustomer(state, id);
  // Deleting a customer cancels its subscriptions at once (docs.stripe.com/api/customers/delete).
  for (const subscription of state.subscriptions.values()) {
    if (
      idOf(subscription.customer) === id &&
      !['canceled', 'incomplete_expired'].includes(subscription.status)
    )
      cancelSubscription(state, subscription, { reason: 'cancellation_requested' });
  }
  state.customers.delete(id);
  state.deletedCustomers.add(id);
  state.emit('customer.deleted', customer);
  return { id, object: 'customer', deleted: true };
}

const searchClause = /^(email|name|phone|description|metadata\[['"]([^'"]+)['"]\])\s*:\s*['"]([^'"]*)['"]$/;

/**
 * Stripe's search query language, the part apps use: `email:'a@b.c'`, `name:'Acme'`,
 * `metadata['orgId']:'org_1'`, joined with `AND` (exact matches; Stripe's search is also eventually
 * consistent, which the fake is not).
 */
function searchCustomers(state: StripeFakeState, params: FormParams) {
  const query = typeof params.query === 'string' ? params.query : '';
  if (!query) throw invalidRequest('Missing required param: query.', 'query', 'parameter_missing');
  const clauses = query.split(/\s+AND\s+/).map((clause) => {
    const match = searchClause.exec(clause.trim());
    if (!match) throw invalidRequest(`The query "${clause}" is not supported by the fake's search.`, 'query');
    return { field: match[1] ?? '', metadataKey: match[2], value: match[3] ?? '' };
  });
  const found = [...state.customers.values()].filter((customer) =>
    clauses.every(({ field, metadataKey, value }) =>
      metadataKey !== undefined
        ? customer.metadata[metadataKey] === value
        : customer[field as 'email' | 'name' | 'phone' | 'description'] === value,
    ),
  );
  const page = listPage(state, found, { limit: params.limit ?? '10' }, '/v1/customers/search');
  return {
    object: 'search_result',
    data: page.data,
    has_more: page.has_more,
    next_page: null,
    url: page.url,
  };
}

export const customerRoutes: readonly Route[] = [
  { method: 'POST', path: /^\/v1\/customers$/, handle: ({ state, params }) => createCustomer(state, params) },
  {
    method: 'GET',
    path: /^\/v1\/customers\/search$/,
    handle: ({ state, params }) => searchCustomers(state, params),
  },
  {
    method: 'GET',
    path: /^\/v1\/customers$/,
    handle: ({ state, params }) => {
      const email = typeof params.email === 'string' ? params.email : undefined;
      const customers = [...state.customers.values()].filter(
        (customer) => !email || customer.email === email,
      );
      return listPage(state, customers, params, '/v1/customers');
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/customers\/([^/]+)$/,
    handle: ({ state, ids: [id = ''] }) =>
      state.deletedCustomers.has(id) ? { id, object: 'customer', deleted: true } : requireCustomer(state, id),
  },
  {
    method: 'POST',
    path: /^\/v1\/customers\/([^/]+)$/,
    handle: ({ state, params, ids: [id = ''] }) => updateCustomer(state, id, params),
  },
  {
    method: 'DELETE',
    path: /^\/v1\/customers\/([^/]+)$/,
    handle: ({ state, ids: [id = ''] }) => deleteCustomer(state, id),
  },
  {
    method: 'GET',
    path: /^\/v1\/customers\/([^/]+)\/payment_methods$/,
    handle: ({ state, params, ids: [id = ''] }) => {
      requireCustomer(state, id);
      const methods = [...state.paymentMethods.values()].filter((method) => method.customer === id);
      return listPage(state, methods, params, `/v1/customers/${id}/payment_methods`);
    },
  },
];
