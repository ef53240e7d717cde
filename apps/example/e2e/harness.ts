import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { launchChromium } from '@clerkship/internal/chromium';
import { createSessionToken, createTestKeys, createWebhookSecret, type TestKeys } from '@clerkship/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { personas } from '../src/local/personas';
import { type RunningApp, startApp } from './app-server';

export interface PostHogEvent {
  event: string;
  distinct_id?: string;
  properties?: Record<string, unknown>;
}

/** Whatever shape a PostHog SDK posted (gzip or not, JSON or `data=` form, batch or single): its events. */
function postHogEventsIn(body: Buffer, encoding: string | undefined): PostHogEvent[] {
  // gzip by its magic bytes: posthog-js marks it in the query string, posthog-node in a header.
  const gzipped = body[0] === 0x1f && body[1] === 0x8b;
  const bytes = gzipped || encoding === 'gzip' ? gunzipSync(body) : body;
  let text = bytes.toString('utf8');
  if (text.startsWith('data='))
    text = Buffer.from(decodeURIComponent(text.slice(5)), 'base64').toString('utf8');
  if (!text.trim().startsWith('{') && !text.trim().startsWith('[')) return [];
  type Raw = PostHogEvent & { $set?: Record<string, unknown> };
  const parsed = JSON.parse(text) as Raw | Raw[] | { batch: Raw[] };
  const raw = Array.isArray(parsed) ? parsed : 'batch' in parsed ? parsed.batch : [parsed];
  // posthog-js keeps distinct_id in properties and $set at the top; posthog-node the other way round.
  return raw.map(({ event, distinct_id, properties = {}, $set }) => ({
    event,
    distinct_id: distinct_id ?? (properties.distinct_id as string | undefined),
    properties: $set ? { ...properties, $set } : properties,
  }));
}

export interface BackendApiCall {
  method: string;
  path: string;
  status: number;
}

export interface LocalApp {
  app: RunningApp;
  keys: TestKeys;
  /** The Ably API key the app signs `/api/ably` tokens with. */
  ablyApiKey: string;
  /** Requests the app made to its (local) Clerk Backend API, and a user's stored public metadata. */
  backendApi: (
    userId?: string,
  ) => Promise<{ calls: BackendApiCall[]; publicMetadata?: Record<string, unknown> }>;
  /** Events PostHog received (from posthog-js through /ingest, and from posthog-node). */
  posthogEvents: () => PostHogEvent[];
  /** The Clerk webhook signing secret the app verifies with. */
  webhookSecret: string;
  stop: () => Promise<void>;
}

/**
 * The built app in local mode with its own data folder, keys the test holds (the app trusts
 * `keys.jwtKey`), its local Backend API (whose calls the app reports), and PostHog pointed at a capture
 * server of the test's own.
 */
export async function startLocalApp(): Promise<LocalApp> {
  const keys = await createTestKeys();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'clerkship-e2e-'));
  await writeFile(path.join(dataDir, 'clerk-local-keys.json'), JSON.stringify(keys));
  const ablyApiKey = `e2e.app:${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url')}`;
  await writeFile(path.join(dataDir, 'ably-local-key'), ablyApiKey);
  const events: PostHogEvent[] = [];
  const capture = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    events.push(...postHogEventsIn(Buffer.concat(chunks), request.headers['content-encoding']));
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  const webhookSecret = createWebhookSecret();
  const app = await startApp({
    dataDir,
    env: {
      POSTHOG_HOST: `http://127.0.0.1:${(capture.address() as AddressInfo).port}`,
      POSTHOG_KEY: 'phc_e2e',
      CLERK_WEBHOOK_SIGNING_SECRET: webhookSecret,
      // What local mode's Stripe fake signs its deliveries to /api/webhooks/stripe with.
      STRIPE_WEBHOOK_SECRET: createWebhookSecret(),
    },
  });
  return {
    app,
    keys,
    ablyApiKey,
    backendApi: async (userId) => {
      const query = userId ? `?userId=${encodeURIComponent(userId)}` : '';
      // The route answers waitlist admins only: ask as Adam.
      const adam = personas.find((persona) => persona.key === 'adam');
      if (!adam) throw new Error('e2e: no admin persona');
      const token = await createSessionToken(keys, adam, { issuer: 'https://clerk.clerkship.test' });
      const response = await fetch(`${app.url}/api/local/backend-api-calls${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`e2e: backend-api-calls answered ${response.status}`);
      return response.json();
    },
    posthogEvents: () => [...events],
    webhookSecret,
    stop: async () => {
      await app.stop();
      await new Promise((resolve) => capture.close(resolve));
    },
  };
}

/** The app and a browser for one test file: started before its tests, stopped after. */
export function useLocalApp(): { readonly local: LocalApp; readonly browser: Browser } {
  const context = {} as { local: LocalApp; browser: Browser };
  beforeAll(async () => {
    context.local = await startLocalApp();
    context.browser = await launchChromium();
  });
  afterAll(async () => {
    await context.browser?.close();
    await context.local?.stop();
  });
  return context;
}

/** Signs in through the local persona picker and waits for the landing page. */
export async function signInAs(
  context: { local: LocalApp; browser: Browser },
  name: string,
  path = '/',
): Promise<Page> {
  const page = await context.browser.newPage();
  await page.goto(`${context.local.app.url}/sign-in?redirect_url=${encodeURIComponent(path)}`);
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.waitForURL(`${context.local.app.url}${path}`);
  return page;
}
