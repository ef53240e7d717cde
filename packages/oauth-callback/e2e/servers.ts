import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A web-standard handler served by node:http, so the package's own code answers the browser. */
export type Handler = (request: Request) => Response | Promise<Response>;

export interface RecordedRequest {
  url: string;
  referer: string | undefined;
}

export interface RunningServer {
  origin: string;
  /** Every request the server received, with its Referer. */
  requests: RecordedRequest[];
  close: () => Promise<void>;
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const method = incoming.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
  return new Request(new URL(incoming.url ?? '/', origin), { method, headers, body });
}

async function send(response: Response, outgoing: ServerResponse): Promise<void> {
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

/** Serves `routes` (pathname → handler) on a free port of 127.0.0.1. */
export async function serve(routes: Record<string, Handler>): Promise<RunningServer> {
  const requests: RecordedRequest[] = [];
  let origin = '';
  const server: Server = createServer(async (incoming, outgoing) => {
    try {
      const request = await toRequest(incoming, origin);
      requests.push({ url: request.url, referer: request.headers.get('referer') ?? undefined });
      const handler = routes[new URL(request.url).pathname];
      await send(handler ? await handler(request) : new Response('not found', { status: 404 }), outgoing);
    } catch (error) {
      outgoing.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A page whose script reports `location.href` (what an XSS or an analytics tag reads) and loads an image. */
export function html(title: string): Response {
  return new Response(
    `<!doctype html><title>${title}</title><h1>${title}</h1><img src="/pixel.gif" alt="">
<script>fetch('/collect', { method: 'POST', body: location.href });</script>`,
    { headers: { 'content-type': 'text/html; charset=utf-8' } },
  );
}
