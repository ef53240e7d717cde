import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The system's Chromium, driven by playwright-core (which downloads no browser of its own). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!executablePath) {
    throw new Error(
      'e2e: no Chromium found. Install it (Debian: `apt-get install chromium`) or set CHROMIUM_PATH to a Chrome or Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    // No background traffic: the test machines have no internet, and the app needs none.
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
