import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '@clerkship/internal/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicPackages } from '../scripts/packages.ts';
import { base } from '../scripts/site.ts';
import { fileFor, serveStatic } from './static-server.ts';

const dist = path.resolve(import.meta.dirname, '../dist');
if (!existsSync(path.join(dist, 'index.html'))) {
  throw new Error('docs: no built site in apps/docs/dist. Run `pnpm --filter @clerkship/docs build` first.');
}

/** Every page of the built site as a URL path (`/packages/rbac/`), from its `index.html` files. */
const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name === 'index.html')
  .map((entry) =>
    `/${path.relative(dist, entry.parentPath).split(path.sep).join('/')}/`.replace(/^\/\/$/, '/'),
  )
  .sort();

let server: Awaited<ReturnType<typeof serveStatic>>;
/** The address of a page (`/packages/rbac/`) on the test server, under the site's base path. */
const at = (page: string) => `${server.url}${base}${page.slice(1)}`;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(dist, base);
  browser = await launchChromium('docs');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the built site', () => {
  it('has a page, a sidebar entry and an API reference for every published package', () => {
    const landing = readFileSync(path.join(dist, 'index.html'), 'utf8');
    for (const pkg of publicPackages()) {
      expect(pages, `${pkg.name} has no page`).toContain(`/packages/${pkg.slug}/`);
      expect(pages, `${pkg.name} has no API reference`).toContain(`/api/${pkg.slug}/readme/`);
      expect(landing, `the sidebar does not reach ${pkg.name}`).toContain(
        `href="${base}packages/${pkg.slug}/"`,
      );
    }
  });

  it('has the pages the docs promise', () => {
    for (const page of ['/', '/tour/', '/guides/webhooks/', '/packages/testing/'])
      expect(pages).toContain(page);
    expect(pages.filter((page) => page.startsWith('/guides/')).length).toBeGreaterThanOrEqual(9);
  });

  it('has no broken internal link or asset', () => {
    const broken: string[] = [];
    const files = readdirSync(dist, { recursive: true, withFileTypes: true }).filter(
      (entry) => entry.isFile() && entry.name.endsWith('.html'),
    );
    const idsOf = new Map<string, Set<string>>();
    const ids = (file: string) => {
      let found = idsOf.get(file);
      if (!found) {
        found = new Set(
          [...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] ?? ''),
        );
        idsOf.set(file, found);
      }
      return found;
    };
    for (const entry of files) {
      const file = path.join(entry.parentPath, entry.name);
      const pageUrl = new URL(`${base}${path.relative(dist, file).split(path.sep).join('/')}`, 'http://site');
      const html = readFileSync(file, 'utf8');
      for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        const raw = (match[1] ?? '').replaceAll('&amp;', '&');
        if (/^(https?:|mailto:|data:|javascript:)/.test(raw) || raw.startsWith('//')) continue;
        const target = new URL(raw, pageUrl);
        const targetFile = target.pathname.startsWith(base)
          ? fileFor(dist, target.pathname.slice(base.length - 1))
          : undefined;
        if (!targetFile) {
          broken.push(`${pageUrl.pathname} → ${raw}`);
          continue;
        }
        const fragment = decodeURIComponent(target.hash.slice(1));
        if (
          fragment &&
          targetFile.endsWith('.html') &&
          fragment !== '_top' &&
          !ids(targetFile).has(fragment)
        ) {
          broken.push(`${pageUrl.pathname} → ${raw} (no #${fragment})`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('renders every page at phone width without console errors or horizontal scrolling', async () => {
    const problems: string[] = [];
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const visit = async (page: Page, pathname: string) => {
      const errors: string[] = [];
      const onConsole = (message: { type: () => string; text: () => string }) => {
        if (message.type() === 'error') errors.push(message.text());
      };
      const onError = (error: Error) => errors.push(error.message);
      page.on('console', onConsole);
      page.on('pageerror', onError);
      const response = await page.goto(at(pathname), { waitUntil: 'load' });
      if (response?.status() !== 200) errors.push(`status ${response?.status()}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) errors.push(`${overflow}px wider than the screen`);
      page.off('console', onConsole);
      page.off('pageerror', onError);
      for (const error of errors) problems.push(`${pathname}: ${error}`);
    };
    // Three tabs at a time: the machines that run this have two cores.
    const queue = [...pages];
    await Promise.all(
      [1, 2, 3].map(async () => {
        const page = await context.newPage();
        for (let next = queue.shift(); next; next = queue.shift()) await visit(page, next);
        await page.close();
      }),
    );
    await context.close();
    expect(problems).toEqual([]);
  });

  it('the sidebar reaches every package from any page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(at('/guides/webhooks/'));
    const links = await page
      .locator('nav.sidebar a')
      .evaluateAll((anchors) =>
        anchors.map((anchor) => ({ text: anchor.textContent?.trim(), href: anchor.getAttribute('href') })),
      );
    for (const pkg of publicPackages()) {
      expect(links).toContainEqual({ text: pkg.name, href: `${base}packages/${pkg.slug}/` });
    }
    await page.getByRole('link', { name: '@clerkship/rbac', exact: true }).first().click();
    await page.waitForURL(at('/packages/rbac/'));
    await expect(page.locator('h1').textContent()).resolves.toBe('@clerkship/rbac');
    await page.close();
  });

  it('search finds createWebhooksHandler', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(at('/'));
    await page.locator('site-search button[data-open-modal]').click();
    await page.locator('dialog input.pagefind-ui__search-input').fill('createWebhooksHandler');
    const result = page.locator('.pagefind-ui__result-link').first();
    await result.waitFor({ timeout: 15_000 });
    const titles = await page.locator('.pagefind-ui__result-link').allTextContents();
    expect(titles.join(' ')).toContain('webhooks-handler');
    await result.click();
    await page.waitForLoadState('load');
    await expect(page.locator('main').textContent()).resolves.toContain('createWebhooksHandler');
    await page.close();
  });

  it('the tour shows the screenshots the example app took', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(at('/tour/'));
    const images = await page.locator('main img').evaluateAll((elements) =>
      elements.map((image) => ({
        src: image.getAttribute('src'),
        loaded: (image as HTMLImageElement).naturalWidth > 0,
      })),
    );
    expect(images.length).toBeGreaterThanOrEqual(7);
    for (const image of images) expect(image, `${image.src} did not load`).toMatchObject({ loaded: true });
    await page.close();
  });
});
