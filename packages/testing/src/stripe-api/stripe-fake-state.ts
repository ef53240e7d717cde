import type Stripe from 'stripe';
import type { TestCard } from './test-cards';

/** The API version the `stripe` SDK this package was built against pins; events carry it. */
export const stripeApiVersion = '2026-10-28.endive';

/** A decimal as the API sends it, a string; the `stripe` SDK turns it into its own `Decimal` class. */
export type WireDecimal = NonNullable<Stripe.Price['unit_amount_decimal']>;

export function wireDecimal(value: number | string): WireDecimal {
  return String(value) as unknown as WireDecimal;
}

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Who caused a change: an API request (its id and idempotency key), or Stripe itself (`null`s). */
export interface EventRequest {
  id: string | null;
  idempotency_key: string | null;
}

/** Bookkeeping the fake needs beside a subscription that Stripe keeps internally. */
export interface SubscriptionInternals {
  trialWillEndSent: boolean;
  /** Proration amounts (`create_prorations`) waiting for the next invoice. */
  pendingProrations: { amount: number; description: string; period: { start: number; end: number } }[];
}

/** A Checkout Session's line, kept beside the session (Stripe returns line items only on request). */
export interface CheckoutLine {
  id: string;
  price: Stripe.Price;
  quantity: number;
  adjustable: { minimum: number; maximum: number } | null;
}

export interface StripeFakeConfiguration {
  /** The fake's own origin, for hosted page URLs. */
  baseUrl: string;
  /** Seconds after a failed invoice payment when Stripe tries again (Smart Retries, simplified). */
  invoiceRetrySchedule: readonly number[];
  /** What happens to a subscription when its last payment retry fails. */
  afterFinalRetryFailure: 'cancel' | 'unpaid' | 'past_due';
  /** How the billing portal's Cancel button cancels. */
  portalCancelMode: 'at_period_end' | 'immediately';
}

/**
 * Everything the fake holds: Stripe's objects in their API shape (as the pinned API version returns
 * them), the test clock, and the events recorded so far.
 */
export class StripeFakeState {
  readonly customers = new Map<string, Stripe.Customer>();
  readonly deletedCustomers = new Set<string>();
  readonly products = new Map<string, Stripe.Product>();
  readonly prices = new Map<string, Stripe.Price>();
  readonly paymentMethods = new Map<string, Stripe.PaymentMethod>();
  /** The test card behind each payment method, which decides how charges on it go. */
  readonly cards = new Map<string, TestCard>();
  readonly setupIntents = new Map<string, Stripe.SetupIntent>();
  readonly subscriptions = new Map<string, Stripe.Subscription>();
  readonly subscriptionInternals = new Map<string, SubscriptionInternals>();
  readonly invoices = new Map<string, Stripe.Invoice>();
  readonly checkoutSessions = new Map<string, Stripe.Checkout.Session>();
  readonly checkoutLines = new Map<string, CheckoutLine[]>();
  /** What Checkout passes on to the subscription it creates (`subscription_data`). */
  readonly checkoutSubscriptionData = new Map<
    string,
    {
      trialEnd: number | null;
      metadata: Record<string, string>;
      description: string | null;
      missingPaymentMethod: 'cancel' | 'create_invoice' | 'pause';
    }
  >();
  readonly portalSessions = new Map<string, Stripe.BillingPortal.Session>();
  readonly events: Stripe.Event[] = [];
  /** The request whose handling is changing state now; `null` while Stripe acts on its own. */
  request: EventRequest = { id: null, idempotency_key: null };
  /** Subscribers told of every recorded event (webhook delivery). */
  readonly listeners: ((event: Stripe.Event) => void)[] = [];
  private order = 0;
  private readonly creationOrder = new WeakMap<object, number>();

  constructor(
    /** Seconds since the epoch, on the fake's clock. */
    public now: number,
    readonly configuration: StripeFakeConfiguration,
  ) {}

  /** A fresh id in Stripe's form, `cus_…`, `sub_…`. */
  id(prefix: string, length = 24): string {
    const bytes = crypto.getRandomValues(new Uint8Array(length));
    return `${prefix}_${Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('')}`;
  }

  /** Remembers when an object was made, so lists order newest first even within one second. */
  track<T extends object>(object: T): T {
    this.order += 1;
    this.creationOrder.set(object, this.order);
    return object;
  }

  sequence(object: object): number {
    return this.creationOrder.get(object) ?? 0;
  }

  /**
   * Records the event Stripe would send for a change. `before` (a copy of the object before an update)
   * gives `data.previous_attributes`: the top-level fields that changed, with their old values.
   */
  emit(type: Stripe.Event.Type, object: object, before?: object): Stripe.Event {
    const current = structuredClone(object) as Record<string, unknown>;
    let previous: Record<string, unknown> | undefined;
    if (before) {
      previous = {};
      for (const [key, value] of Object.entries(before as Record<string, unknown>)) {
        if (JSON.stringify(value) !== JSON.stringify(current[key])) previous[key] = structuredClone(value);
      }
    }
    const event = this.track({
      id: this.id('evt'),
      object: 'event',
      api_version: stripeApiVersion,
      created: this.now,
      data: { object: current, ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 0,
      request: { ...this.request },
      type,
    } as unknown as Stripe.Event);
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** The object with this id, of whatever kind its prefix says, for `expand`. */
  lookup(id: string): object | undefined {
    const prefix = id.slice(0, id.indexOf('_'));
    switch (prefix) {
      case 'cus':
        return this.deletedCustomers.has(id)
          ? { id, object: 'customer', deleted: true }
          : this.customers.get(id);
      case 'prod':
        return this.products.get(id);
      case 'price':
        return this.prices.get(id);
      case 'pm':
        return this.paymentMethods.get(id);
      case 'seti':
        return this.setupIntents.get(id);
      case 'sub':
        return this.subscriptions.get(id);
      case 'in':
        return this.invoices.get(id);
      case 'cs':
        return this.checkoutSessions.get(id);
      default:
        return undefined;
    }
  }
}
