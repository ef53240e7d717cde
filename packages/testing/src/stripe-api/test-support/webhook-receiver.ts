import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { createWebhookSecret } from '../../webhook-secret';

/** A webhook endpoint for tests: verifies every delivery with the real `stripe.webhooks.constructEvent`. */
export interface WebhookReceiver {
  url: string;
  secret: string;
  /** Verified events, in arrival order. */
  events: Stripe.Event[];
  /** Deliveries whose signature did not verify (should stay empty). */
  rejected: string[];
  /** The status to answer the next deliveries with (default 200). */
  respondWith(status: (event: Stripe.Event) => number): void;
  types(): string[];
  close(): Promise<void>;
}

const stripe = new Stripe('sk_test_receiver');

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const secret = createWebhookSecret();
  const events: Stripe.Event[] = [];
  const rejected: string[] = [];
  let status: (event: Stripe.Event) => number = () => 200;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = stripe.webhooks.constructEvent(
          body,
          String(request.headers['stripe-signature']),
          secret,
        );
        const answer = status(event);
        if (answer >= 200 && answer < 300) events.push(event);
        response.writeHead(answer).end();
      } catch (error) {
        rejected.push(String(error));
        response.writeHead(400).end();
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/stripe`,
    secret,
    events,
    rejected,
    respondWith(next) {
      status = next;
    },
    types: () => events.map((event) => event.type),
    async close() {
      server.close();
      server.closeAllConnections();
      await once(server, 'close');
    },
  };
}
