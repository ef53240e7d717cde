/**
 * The Open Response Type attack, played end to end in Chromium (Clerk's post "Mitigating OAuth's recently
 * discovered Open Response Type vulnerability"; RFC 9700 §4.1.3): an attacker sends the victim's browser
 * to the provider with `response_type=token`; the provider puts the token in the fragment of the app's
 * callback URL; the app's callback redirects, and a redirect without a fragment of its own keeps the old
 * one, so the token reaches the next page, where any script (an XSS, an analytics tag) reads it.
 *
 * A fake provider and the app run on node:http (two origins); the app's routes are this package's code.
 */

import { launchChromium } from '@clerkship/internal/chromium';
import {
  getRedirectStatusCodeFromError,
  getURLFromRedirectError,
} from 'next/dist/client/components/redirect';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { redirect as nextRedirect } from 'next/navigation';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildAuthorizationUrl,
  callbackErrorParameter,
  type ExpectedCallback,
  fragmentSafeRedirect,
  protectCallback,
  validateCallback,
} from '../src/index';
import { redirect as safeNextRedirect } from '../src/next/index';
import { type Handler, html, type RunningServer, serve } from './servers';

const token = 'ya29.victims-access-token';
const code = 'victims-one-time-code';

/** A provider that answers the way the attacker asked: secrets in the fragment unless it is a plain code flow. */
function providerRoutes(): Record<string, Handler> {
  return {
    '/authorize': (request) => {
      const query = new URL(request.url).searchParams;
      const callback = new URL(query.get('redirect_uri') ?? '');
      const state = query.get('state') ?? '';
      const responseType = query.get('response_type') ?? '';
      if (responseType === 'code' && (query.get('response_mode') ?? 'query') === 'query') {
        callback.searchParams.set('code', code);
        callback.searchParams.set('state', state);
        callback.searchParams.set('iss', new URL(request.url).origin);
        return new Response(null, { status: 302, headers: { location: callback.href } });
      }
      const fragment = new URLSearchParams({ state, token_type: 'Bearer' });
      if (responseType.includes('token')) fragment.set('access_token', token);
      if (responseType.includes('id_token')) fragment.set('id_token', token);
      if (responseType.includes('code')) fragment.set('code', code);
      return new Response(null, { status: 302, headers: { location: `${callback.href}#${fragment}` } });
    },
  };
}

/** Next.js's app-route module turning a thrown `redirect()` into the response (`handleHandlerError`). */
function asNextRouteHandler(handler: (request: Request) => Response | Promise<Response>): Handler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      if (!isRedirectError(error)) throw error;
      const location = getURLFromRedirectError(error) ?? '';
      return new Response(null, {
        status: getRedirectStatusCodeFromError(error),
        headers: { Location: location },
      });
    }
  };
}

let browser: Browser;
let provider: RunningServer;
let app: RunningServer;
/** What each page's script read from `location.href`. */
const reported: string[] = [];
/** The expectation the app kept for the sign-in this browser started. */
let session: ExpectedCallback | undefined;

/** The callback everyone writes first: no code in the query, so send the user to log in. */
const naiveCallback: Handler = (request) => {
  const found = new URL(request.url).searchParams.get('code');
  return new Response(null, { status: 302, headers: { location: found ? '/dashboard' : '/login' } });
};

function appRoutes(): Record<string, Handler> {
  const server = () => ({
    issuer: provider.origin,
    authorization_endpoint: `${provider.origin}/authorize`,
    authorization_response_iss_parameter_supported: true,
  });
  return {
    '/login': () => html('Log in'),
    '/dashboard': () => html('Dashboard'),
    '/pixel.gif': () => new Response(null, { status: 204 }),
    '/collect': async (request) => {
      reported.push(await request.text());
      return new Response(null, { status: 204 });
    },
    '/start': async () => {
      const { url, expected } = await buildAuthorizationUrl({
        server: server(),
        clientId: 'team-tasks',
        redirectUri: `${app.origin}/validated/callback`,
        scope: 'read:user',
      });
      session = expected;
      return fragmentSafeRedirect(url);
    },
    '/naive/callback': naiveCallback,
    '/wrapped/callback': protectCallback(naiveCallback),
    '/validated/callback': protectCallback(async (request) => {
      await validateCallback(request, session);
      session = undefined;
      return Response.redirect(`${app.origin}/dashboard`, 302);
    }),
    '/next-naive/callback': asNextRouteHandler((request) =>
      nextRedirect(new URL(request.url).searchParams.has('code') ? '/dashboard' : '/login'),
    ),
    '/next-safe/callback': asNextRouteHandler((request) =>
      safeNextRedirect(new URL(request.url).searchParams.has('code') ? '/dashboard' : '/login'),
    ),
    '/naive/page-callback': () => html('Connected'),
    '/wrapped/page-callback': protectCallback(() => html('Connected')),
  };
}

beforeAll(async () => {
  provider = await serve(providerRoutes());
  app = await serve(appRoutes());
  // A browser test is a proof: without Chromium it fails, it never skips.
  browser = await launchChromium('oauth-callback e2e');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
});

interface Visit {
  page: Page;
  context: BrowserContext;
  /** Every URL the tab showed (committed navigations), fragments included. */
  shown: string[];
}

async function visit(url: string): Promise<Visit> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const shown: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) shown.push(frame.url());
  });
  await page.goto(url);
  return { page, context, shown };
}

/** The authorization URL the attacker sends the victim to: their own, with another response_type. */
function attackerUrl(callbackPath: string, responseType = 'token'): string {
  const url = new URL(`${provider.origin}/authorize`);
  url.search = new URLSearchParams({
    client_id: 'team-tasks',
    redirect_uri: `${app.origin}${callbackPath}`,
    response_type: responseType,
    state: 'attacker-chosen',
  }).toString();
  return url.href;
}

/** Every place a secret was seen after the provider answered: URLs shown, hrefs read by scripts, Referers. */
function sightings(secret: string, { shown }: Visit): string[] {
  const referers = [...app.requests, ...provider.requests].map((request) => request.referer ?? '');
  return [...shown, ...reported, ...referers].filter((seen) => seen.includes(secret));
}

async function scriptsRan(count = 1) {
  await expect.poll(() => reported.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
}

describe('the Open Response Type attack in Chromium', () => {
  beforeEach(() => {
    reported.length = 0;
    app.requests.length = 0;
    provider.requests.length = 0;
    session = undefined;
  });

  it('is real: a callback that redirects without a fragment hands the token to the next page', async () => {
    const tab = await visit(attackerUrl('/naive/callback'));
    await scriptsRan();
    expect(tab.page.url()).toBe(
      `${app.origin}/login#state=attacker-chosen&token_type=Bearer&access_token=${token}`,
    );
    expect(reported[0]).toContain(token);
    await tab.context.close();
  });

  it('is stopped by wrapping the same handler in protectCallback: the token is in no URL and no Referer', async () => {
    const tab = await visit(attackerUrl('/wrapped/callback'));
    await scriptsRan();
    expect(tab.page.url()).toBe(`${app.origin}/login#`);
    expect(reported).toEqual([`${app.origin}/login#`]);
    expect(sightings(token, tab)).toEqual([]);
    await tab.context.close();
  });

  it.each(['token', 'code id_token'])(
    'with validateCallback, a response_type=%s callback is refused and shown without the secret in the URL',
    async (responseType) => {
      const tab = await visit(attackerUrl('/validated/callback', responseType));
      expect(tab.page.url()).toMatch(new RegExp(`/validated/callback\\?${callbackErrorParameter}=\\w+#$`));
      const shownError = JSON.parse((await tab.page.textContent('body')) ?? '{}');
      expect(shownError.error).toMatch(/^(issuer_missing|state_mismatch|invalid_callback)$/);
      expect(sightings(token, tab)).toEqual([]);
      expect(sightings(code, tab)).toEqual([]);
      await tab.context.close();
    },
  );

  it('leaves the real sign-in working: code in the query, accepted, the next page clean', async () => {
    const tab = await visit(`${app.origin}/start`);
    await scriptsRan();
    expect(tab.page.url()).toBe(`${app.origin}/dashboard#`);
    expect(tab.shown).toEqual([`${app.origin}/dashboard#`]);
    // The code travelled in the callback's query, and that URL is in no Referer.
    expect(app.requests.some((request) => request.url.includes(`code=${code}`))).toBe(true);
    expect(sightings(code, tab)).toEqual([]);
    await tab.context.close();
  });

  it("is real with Next.js's redirect() in a route handler, and stopped by this package's /next redirect()", async () => {
    const naive = await visit(attackerUrl('/next-naive/callback'));
    await scriptsRan();
    expect(naive.page.url()).toContain(token);
    await naive.context.close();

    reported.length = 0;
    const safe = await visit(attackerUrl('/next-safe/callback'));
    await scriptsRan();
    expect(safe.page.url()).toBe(`${app.origin}/login#`);
    expect(sightings(token, safe)).toEqual([]);
    await safe.context.close();
  });

  it('keeps a callback page that renders from sending its code as Referer (Referrer-Policy: no-referrer)', async () => {
    const callbackQuery = `?code=${code}&state=s`;
    const naive = await visit(`${app.origin}/naive/page-callback${callbackQuery}`);
    await scriptsRan();
    const naivePixel = app.requests.find((request) => request.url.endsWith('/pixel.gif'));
    expect(naivePixel?.referer).toContain(code);
    await naive.context.close();

    app.requests.length = 0;
    reported.length = 0;
    const wrapped = await visit(`${app.origin}/wrapped/page-callback${callbackQuery}`);
    await scriptsRan();
    const wrappedPixel = app.requests.find((request) => request.url.endsWith('/pixel.gif'));
    expect(wrappedPixel).toBeDefined();
    expect(wrappedPixel?.referer).toBeUndefined();
    await wrapped.context.close();
  });
});
