import type Stripe from 'stripe';
import { createStripeWebhookRequest } from '../stripe/stripe-webhook';

/** Where the fake sends events, as a Stripe webhook endpoint does. */
export interface StripeFakeWebhookEndpoint {
  url: string;
  /** The endpoint's signing secret, `whsec_…` (e.g. from `createWebhookSecret()`). */
  secret: string;
  /** Event types to send (`*` wildcards allowed); all when omitted. */
  enabledEvents?: readonly string[];
}

/** How deliveries misbehave, as Stripe is allowed to: neither order nor uniqueness is guaranteed. */
export interface StripeFakeDeliveryOptions {
  /** Send every event twice (the second copy right after the first). */
  duplicate?: boolean;
  /** Reorder the events one request (or one clock step) produced: reversed, or shuffled by `seed`. */
  reorder?: false | 'reverse' | 'shuffle';
  /** Seed for `reorder: 'shuffle'`, so a failing order can be replayed. Default 1. */
  seed?: number;
  /** Wall-clock milliseconds to wait before each first attempt (to race redirects against webhooks). */
  delayMs?: number;
  /** Hold every delivery until `releaseDeliveries()`. */
  hold?: boolean;
  /**
   * Seconds on the fake's clock after a failed attempt (non-2xx or a network error) when the next one
   * is due; `advanceTime` sends them. Default `[3600, 7200, 14400]` (test mode: a few retries over a few
   * hours). After the last, the delivery is `failed`.
   */
  retrySchedule?: readonly number[];
}

/** One attempt to deliver an event to an endpoint. */
export interface StripeFakeDeliveryAttempt {
  /** On the fake's clock, seconds since the epoch. */
  at: number;
  /** The endpoint's HTTP status; 0 when the request itself failed. */
  status: number;
}

/** An event on its way to one endpoint, for assertions. */
export interface StripeFakeDelivery {
  event: Stripe.Event;
  url: string;
  /** `held` until released; `pending` until sent; `retrying` after a failure with retries left. */
  state: 'held' | 'pending' | 'retrying' | 'succeeded' | 'failed';
  attempts: StripeFakeDeliveryAttempt[];
  /** When the next retry is due, on the fake's clock. */
  nextAttemptAt: number | null;
  /** A copy sent because of `duplicate`. */
  duplicate: boolean;
}

const defaultRetrySchedule = [3600, 7200, 14_400];

function typeEnabled(endpoint: StripeFakeWebhookEndpoint, type: string): boolean {
  if (!endpoint.enabledEvents) return true;
  return endpoint.enabledEvents.some(
    (pattern) =>
      pattern === '*' ||
      pattern === type ||
      (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))),
  );
}

/** A small seeded generator (mulberry32), so shuffles replay. */
function random(seed: number): () => number {
  let value = seed >>> 0;
  return () => {
    value = (value + 0x6d2b79f5) >>> 0;
    let mixed = value;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function reordered<T>(
  items: readonly T[],
  order: 'emitted' | 'reverse' | 'shuffle',
  next: () => number,
): T[] {
  const copy = [...items];
  if (order === 'reverse') return copy.reverse();
  if (order === 'shuffle') {
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(next() * (index + 1));
      [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
    }
  }
  return copy;
}

/**
 * Sends recorded events to the webhook endpoints, one at a time in queue order, signed as Stripe signs
 * (`stripe-signature: t=…,v1=…` over the exact body), and keeps a log of every delivery.
 */
export class WebhookDeliveries {
  readonly log: StripeFakeDelivery[] = [];
  private batch: StripeFakeDelivery[] = [];
  private readonly queue: StripeFakeDelivery[] = [];
  private running: Promise<void> | undefined;
  private holding: boolean;
  private readonly next: () => number;
  private readonly retrySchedule: readonly number[];
  private readonly notBefore = new WeakMap<StripeFakeDelivery, number>();

  constructor(
    private readonly endpoints: StripeFakeWebhookEndpoint[],
    private readonly options: StripeFakeDeliveryOptions,
    private readonly now: () => number,
    private readonly send: (request: Request) => Promise<Response>,
  ) {
    this.holding = options.hold ?? false;
    this.next = random(options.seed ?? 1);
    this.retrySchedule = options.retrySchedule ?? defaultRetrySchedule;
  }

  /** How many endpoints an event of this type goes to (the event's `pending_webhooks`). */
  endpointsFor(type: string): number {
    return this.endpoints.filter((endpoint) => typeEnabled(endpoint, type)).length;
  }

  /** Queues an event for every endpoint that wants it (sent when the batch is flushed). */
  add(event: Stripe.Event) {
    for (const endpoint of this.endpoints) {
      if (!typeEnabled(endpoint, event.type)) continue;
      const copies = this.options.duplicate ? [false, true] : [false];
      for (const duplicate of copies) {
        const delivery: StripeFakeDelivery = {
          event,
          url: endpoint.url,
          state: this.holding ? 'held' : 'pending',
          attempts: [],
          nextAttemptAt: null,
          duplicate,
        };
        this.log.push(delivery);
        this.batch.push(delivery);
      }
    }
  }

  /** Ends a batch (one request, one clock step): reorders it as configured and starts sending. */
  flush() {
    const order = this.options.reorder || 'emitted';
    const batch = reordered(this.batch, order, this.next);
    this.batch = [];
    const delay = this.options.delayMs ?? 0;
    for (const delivery of batch) {
      this.notBefore.set(delivery, Date.now() + delay);
      if (delivery.state === 'pending') this.queue.push(delivery);
    }
    this.kick();
  }

  hold() {
    this.holding = true;
  }

  /** Sends the held deliveries, in the order given, and stops holding. */
  release(order: 'emitted' | 'reverse' | 'shuffle' = 'emitted') {
    this.holding = false;
    const held = this.log.filter((delivery) => delivery.state === 'held');
    for (const delivery of reordered(held, order, this.next)) {
      delivery.state = 'pending';
      this.queue.push(delivery);
    }
    this.kick();
  }

  /** Queues the retries that are due on the fake's clock. */
  retryDue() {
    const due = this.log
      .filter(
        (delivery) =>
          delivery.state === 'retrying' && (delivery.nextAttemptAt ?? Number.POSITIVE_INFINITY) <= this.now(),
      )
      .sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0));
    for (const delivery of due) {
      delivery.state = 'pending';
      delivery.nextAttemptAt = null;
      this.queue.push(delivery);
    }
    this.kick();
  }

  /** Resolves when nothing is being sent or waiting to be sent (held and retrying ones wait on you). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick() {
    if (this.running || this.queue.length === 0) return;
    this.running = (async () => {
      for (let delivery = this.queue.shift(); delivery; delivery = this.queue.shift()) {
        await this.attempt(delivery);
      }
    })().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async attempt(delivery: StripeFakeDelivery) {
    const wait = (this.notBefore.get(delivery) ?? 0) - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const endpoint = this.endpoints.find((candidate) => candidate.url === delivery.url);
    let status = 0;
    if (endpoint) {
      try {
        // Stripe sends the event pretty-printed; the signature covers exactly these bytes.
        const request = await createStripeWebhookRequest(JSON.stringify(delivery.event, null, 2), {
          secret: endpoint.secret,
          url: endpoint.url,
        });
        const response = await this.send(request);
        status = response.status;
        await response.body?.cancel();
      } catch {
        status = 0;
      }
    }
    delivery.attempts.push({ at: this.now(), status });
    if (status >= 200 && status < 300) {
      delivery.state = 'succeeded';
      return;
    }
    const delay = this.retrySchedule[delivery.attempts.length - 1];
    if (delay === undefined) {
      delivery.state = 'failed';
      delivery.nextAttemptAt = null;
    } else {
      delivery.state = 'retrying';
      delivery.nextAttemptAt = this.now() + delay;
    }
  }
}
