import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { createStripeFake, type StripeFake, type StripeFakeOptions } from './stripe-fake';

/** How a Stripe fake server starts. */
export interface StartStripeFakeOptions extends Omit<StripeFakeOptions, 'baseUrl'> {
  /** Port to listen on. Default: a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  hostname?: string;
}

/** A Stripe fake listening on a local port. */
export interface RunningStripeFake extends StripeFake {
  /** `http://127.0.0.1:<port>`: the API base and the origin of the hosted pages. */
  url: string;
  host: string;
  port: number;
  protocol: 'http';
  /** `{ host, port, protocol: 'http' }`: spread into `new Stripe(key, { ...fake.stripeOptions })`. */
  readonly stripeOptions: Stripe.StripeConfig;
  close(): Promise<void>;
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const entry of Array.isArray(value) ? value : [value]) headers.append(name, entry);
  }
  const method = incoming.method ?? 'GET';
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
}

async function writeResponse(response: Response, outgoing: ServerResponse) {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Starts the Stripe fake as a local HTTP server, for an app in another process (the example app's
 * local mode) or for tests that use the `stripe` SDK's real HTTP client. Node only.
 *
 * @example
 * const fake = await startStripeFake({ webhookEndpoints: [{ url: 'http://localhost:3000/api/stripe', secret }] });
 * const stripe = new Stripe('sk_test_fake', fake.stripeOptions);
 * const session = await stripe.checkout.sessions.create({ mode: 'subscription', ... });
 * // session.url is the fake's hosted Checkout page
 * await fake.close();
 *
 * @throws {TestingError} `invalid_stripe_fake_options` or `invalid_webhook_secret` for options it cannot use.
 */
export async function startStripeFake(options: StartStripeFakeOptions = {}): Promise<RunningStripeFake> {
  const { port: requestedPort = 0, hostname = '127.0.0.1', ...fakeOptions } = options;
  let fake: StripeFake | undefined;
  let origin = '';
  const server = createServer((incoming, outgoing) => {
    toRequest(incoming, origin)
      .then((request) => (fake as StripeFake).handle(request))
      .then((response) => writeResponse(response, outgoing))
      .catch(() => {
        outgoing.writeHead(500, { 'content-type': 'text/plain' });
        outgoing.end('The Stripe fake could not read the request.');
      });
  });
  server.listen(requestedPort, hostname);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  origin = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
  try {
    fake = createStripeFake({ ...fakeOptions, baseUrl: origin });
  } catch (error) {
    server.close();
    throw error;
  }
  const inProcess = fake;
  return {
    ...inProcess,
    // `now` is a getter on the in-process fake (a spread copies its value): keep it live.
    get now() {
      return inProcess.now;
    },
    url: origin,
    host: hostname,
    port,
    protocol: 'http',
    stripeOptions: { host: hostname, port, protocol: 'http', maxNetworkRetries: 0 },
    close: async () => {
      await inProcess.waitForDeliveries();
      server.close();
      server.closeAllConnections();
      await once(server, 'close');
    },
  };
}
