import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/**
 * The browser tests' Chromium (the example app, the docs site, oauth-callback's attack, the Stripe fake's
 * hosted pages): the system's own, driven by playwright-core, which downloads no browser. Test code only.
 */
const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The system's Chromium, or `undefined` when none is installed (`CHROMIUM_PATH` first). */
export const chromiumPath: string | undefined = candidates.find(
  (candidate) => candidate !== undefined && existsSync(candidate),
);

/**
 * Launches headless Chromium with no background traffic (the test machines have no internet).
 *
 * @throws when no Chromium is installed: a browser test is a proof, so it fails rather than skips.
 */
export async function launchChromium(who = 'e2e'): Promise<Browser> {
  if (!chromiumPath) {
    throw new Error(
      `${who}: no Chromium found. Install it (Debian: \`apt-get install chromium\`) or set CHROMIUM_PATH to a Chrome or Chromium binary.`,
    );
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // navigator.webdriver would mark every page as a bot, and analytics SDKs drop bots' events.
      '--disable-blink-features=AutomationControlled',
    ],
  });
}
