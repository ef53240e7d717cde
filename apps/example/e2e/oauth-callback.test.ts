import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInAs, useLocalApp } from './harness';

const context = useLocalApp();
const secretPattern = /access_token|gho_/;

/** The attacker's link: the app's client id and registered callback, but `response_type=token`. */
function attackUrl(responseType: string): string {
  const app = context.local.app.url;
  const query = new URLSearchParams({
    client_id: 'team-tasks-local',
    redirect_uri: `${app}/api/connections/github/callback`,
    response_type: responseType,
    state: 'attacker-chosen',
  });
  return `${app}/api/local/oauth/authorize?${query}`;
}

/** Where each redirect sent the tab, and the Referer of every request it made, from now on. */
function watch(page: Page): { locations: string[]; referers: string[] } {
  const seen = { locations: [] as string[], referers: [] as string[] };
  page.on('response', (response) => {
    const location = response.headers().location;
    if (location) seen.locations.push(location);
  });
  page.on('request', (request) => {
    const referer = request.headers().referer;
    if (referer) seen.referers.push(referer);
  });
  return seen;
}

describe('"Connect GitHub": an OAuth callback beside Clerk (@clerkship/oauth-callback)', () => {
  it('connects Alice through the code flow with PKCE: the page shows the account', async () => {
    const page = await signInAs(context, 'Alice', '/connections');
    expect(await page.getByTestId('github-connection').textContent()).toContain('not connected');
    await page.getByTestId('connect-github').click();
    await page.waitForURL(/\/connections\?connected=github/);
    expect(await page.getByTestId('github-connection').textContent()).toContain('connected as octocat-local');
    await page.close();
  });

  it.each(['token', 'code token', 'code id_token'])(
    'a provider answering response_type=%s puts a token in the fragment: it reaches no page, no script, no Referer',
    async (responseType) => {
      const page = await signInAs(context, 'Bob', '/connections');
      const seen = watch(page);
      await page.goto(attackUrl(responseType), { waitUntil: 'commit' });
      await page.waitForURL(/\/connections\?oauth_callback_error=/);
      // The provider did send the tab to the callback with a token in the fragment: the attack is real.
      expect(seen.locations.some((url) => url.includes('/callback#') && secretPattern.test(url))).toBe(true);
      // The callback's redirect had a fragment of its own, so the browser dropped the inherited one.
      expect(page.url()).not.toMatch(secretPattern);
      expect(await page.evaluate(() => window.location.href)).not.toMatch(secretPattern);
      // What a script on the page could read, and the Referer of every request after the callback.
      expect(await page.evaluate(() => document.URL + document.referrer)).not.toMatch(secretPattern);
      expect(seen.referers.filter((referer) => secretPattern.test(referer))).toEqual([]);
      await expect.poll(() => page.getByTestId('refusal').isVisible()).toBe(true);
      expect(await page.getByTestId('github-connection').textContent()).toContain('not connected');
      await page.close();
    },
    120_000,
  );

  it('answers the callback no-store and no-referrer, and refuses a token in the query', async () => {
    const response = await fetch(
      `${context.local.app.url}/api/connections/github/callback?access_token=gho_stolen&state=x`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(
      /\/connections\?oauth_callback_error=token_in_callback#$/,
    );
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('sends a signed-out visitor hit by the attack to sign in, with the token gone', async () => {
    const page = await context.browser.newPage();
    await page.goto(attackUrl('token'));
    await page.waitForURL(/\/sign-in/);
    expect(page.url()).not.toMatch(secretPattern);
    expect(await page.evaluate(() => window.location.href)).not.toMatch(secretPattern);
    await page.close();
  });
});
