import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'svix';

/** One request the endpoint received, with what svix made of its signature. */
export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body when svix verified it with the endpoint's secret, else undefined. */
  event: { type: string; data: Record<string, unknown> } | undefined;
}

export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * A local webhook endpoint on a free port, like the guide's route handler: it verifies every request
 * with svix, answers 400 to a bad signature, remembers delivery ids to answer duplicates, and records
 * everything it received. `answer` replaces its own answer.
 */
export async function startRecordingEndpoint(
  secret: string,
  answer?: (delivery: ReceivedDelivery) => Answer | 'hang',
) {
  const received: ReceivedDelivery[] = [];
  const seen = new Set<string>();
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let event: ReceivedDelivery['event'];
    try {
      new Webhook(secret).verify(body, request.headers as Record<string, string>);
      event = JSON.parse(body);
    } catch {
      event = undefined;
    }
    const delivery = { headers: request.headers, body, event };
    received.push(delivery);
    const custom = answer?.(delivery);
    if (custom === 'hang') return;
    const id = String(request.headers['svix-id']);
    const own: Answer = !event
      ? { status: 400, body: '{"error":"invalid signature"}' }
      : { status: 200, body: JSON.stringify(seen.has(id) ? { duplicate: true } : { received: true }) };
    seen.add(id);
    const { status, body: answerBody = '', headers = { 'content-type': 'application/json' } } = custom ?? own;
    response.writeHead(status, headers).end(answerBody);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/clerk`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
