import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useLocalApp } from './harness';

// The docs site's "Example app tour" shows these pictures: apps/docs copies this folder at build time.
const folder = path.resolve(import.meta.dirname, '../test-results/docs-screenshots');

const context = useLocalApp();

/** A page of the app at the tour's size, signed in as `persona` through the local persona picker. */
async function open(persona: string | undefined, pathname: string): Promise<Page> {
  const page = await context.browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Pages render on the server: give a busy machine room.
  page.setDefaultTimeout(90_000);
  const url = context.local.app.url;
  if (!persona) {
    await page.goto(`${url}${pathname}`);
    return page;
  }
  await page.goto(`${url}/sign-in?redirect_url=${encodeURIComponent(pathname)}`);
  await page.getByRole('button', { name: new RegExp(persona) }).click();
  await page.waitForURL(`${url}${pathname}`);
  return page;
}

async function capture(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  await page.screenshot({ path: file });
  expect((await stat(file)).size).toBeGreaterThan(1_000);
  await page.close();
}

describe('screenshots for the docs tour', () => {
  it('the local sign-in page offers every persona', { timeout: 180_000 }, async () => {
    const page = await open(undefined, '/sign-in');
    await expect(page.getByRole('button', { name: /Alice/ }).isVisible()).resolves.toBe(true);
    await capture(page, 'sign-in');
  });

  it.each([
    ['tasks-alice', 'Alice', '/'],
    ['tasks-charlie', 'Charlie', '/'],
    ['team', 'Alice', '/team'],
    ['chat', 'Alice', '/chat'],
    ['waitlist', 'Wendy', '/waitlist'],
    ['admin', 'Adam', '/admin'],
    ['billing', 'Alice', '/billing'],
    ['connections', 'Bob', '/connections'],
  ])(
    '%s: %s on %s',
    async (name, persona, pathname) => {
      const page = await open(persona, pathname);
      expect(new URL(page.url()).pathname).toBe(pathname);
      await capture(page, name);
    },
    180_000,
  );
});
