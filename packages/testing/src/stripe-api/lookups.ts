import type Stripe from 'stripe';
import type { StripeFakeState } from './stripe-fake-state';
import { invalidRequest, resourceMissing } from './stripe-request-error';

// `param` is set when the id came in as a parameter (400, with the parameter named), and unset when it
// is the path's own object (404), as Stripe distinguishes them.

export function requireCustomer(state: StripeFakeState, id: string, param?: string): Stripe.Customer {
  const customer = state.customers.get(id);
  if (!customer) {
    if (state.deletedCustomers.has(id) && param)
      throw invalidRequest(`No such customer: '${id}'; it has been deleted.`, param, 'resource_missing');
    throw resourceMissing('customer', id, param);
  }
  return customer;
}

export function requireProduct(state: StripeFakeState, id: string, param?: string): Stripe.Product {
  const product = state.products.get(id);
  if (!product) throw resourceMissing('product', id, param);
  return product;
}

export function requirePrice(state: StripeFakeState, id: string, param?: string): Stripe.Price {
  const price = state.prices.get(id);
  if (!price) throw resourceMissing('price', id, param);
  return price;
}

export function requireSubscription(state: StripeFakeState, id: string, param?: string): Stripe.Subscription {
  const subscription = state.subscriptions.get(id);
  if (!subscription) throw resourceMissing('subscription', id, param);
  return subscription;
}

export function requireInvoice(state: StripeFakeState, id: string, param?: string): Stripe.Invoice {
  const invoice = state.invoices.get(id);
  if (!invoice) throw resourceMissing('invoice', id, param);
  return invoice;
}

export function requireSetupIntent(state: StripeFakeState, id: string, param?: string): Stripe.SetupIntent {
  const intent = state.setupIntents.get(id);
  if (!intent) throw resourceMissing('setupintent', id, param);
  return intent;
}

/** The id of an object field that may be expanded in memory (it never is in the store). */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}
