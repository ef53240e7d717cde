import { createClerkWebhookRequest } from '@clerkship/testing';
import { CliError } from './cli-error';
import type { CliIo } from './cli-io';

/** One signed message, ready to be sent as often as Svix would send it. */
export interface SignedMessage {
  type: string;
  /** The `svix-id`: the same on every copy, as on Svix's retries. */
  id: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

/** How the endpoint answered one send. */
export interface DeliveryAnswer {
  status: number;
  statusText: string;
  location: string | null;
  body: string;
}

/** Signs an event the way Clerk does (Svix headers over the exact body) without sending it yet. */
export async function signDelivery(
  event: { type: string },
  url: URL,
  secret: string,
): Promise<SignedMessage> {
  const request = await createClerkWebhookRequest(event, { secret, url });
  return {
    type: event.type,
    id: request.headers.get('svix-id') ?? '',
    url,
    headers: Object.fromEntries(request.headers.entries()),
    body: await request.text(),
  };
}

function networkProblem(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${timeoutMs / 1000} s`;
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    default:
      return String(cause?.message ?? (error instanceof Error ? error.message : error));
  }
}

/**
 * POSTs one copy of a delivery. Redirects are not followed: Clerk does not follow them either, and a
 * redirect to a sign-in page is how a protected webhook route shows itself.
 *
 * @throws {CliError} `endpoint_unreachable` when nothing answers at the URL.
 */
export async function send(delivery: SignedMessage, io: CliIo): Promise<DeliveryAnswer> {
  const timeoutMs = io.timeoutMs ?? 15_000;
  let response: Response;
  try {
    response = await io.fetch(delivery.url, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const problem = networkProblem(error, timeoutMs);
    const fix =
      problem === 'connection refused'
        ? 'Start your dev server (e.g. `pnpm dev`) so it listens there, or pass the right --url.'
        : 'Check that your dev server is running and that --url is right.';
    throw new CliError(
      'endpoint_unreachable',
      `could not deliver to ${delivery.url.href} (${problem}). ${fix}`,
      {
        cause: error,
      },
    );
  }
  return {
    status: response.status,
    statusText: response.statusText,
    location: response.headers.get('location'),
    body: await response.text(),
  };
}
