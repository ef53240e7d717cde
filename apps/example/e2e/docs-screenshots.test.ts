import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInAs, useLocalApp } from './harness';

// The docs site's "Example app tour" shows these pictures: apps/docs copies this folder at build time.
const folder = path.resolve(import.meta.dirname, '../test-results/docs-screenshots');

const context = useLocalApp();

async function capture(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForLoadState('networkidle');
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  await page.screenshot({ path: file });
  expect((await stat(file)).size).toBeGreaterThan(1_000);
  await page.close();
}

describe('screenshots for the docs tour', () => {
  it('the local sign-in page offers every persona', async () => {
    const page = await context.browser.newPage();
    await page.goto(`${context.local.app.url}/sign-in`);
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
  ])('%s: %s on %s', async (name, persona, pathname) => {
    const page = await signInAs(context, persona, pathname);
    expect(new URL(page.url()).pathname).toBe(pathname);
    await capture(page, name);
  });
});
