import {
  getRedirectStatusCodeFromError,
  getURLFromRedirectError,
} from 'next/dist/client/components/redirect';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { describe, expect, it } from 'vitest';
import { permanentRedirect, redirect } from './redirect';

/** The signal a call throws, as Next.js reads it to build the response's `Location`. */
function signalOf(call: () => never): { url: string | null; status: number } {
  try {
    call();
  } catch (error) {
    if (!isRedirectError(error)) throw error;
    return { url: getURLFromRedirectError(error), status: getRedirectStatusCodeFromError(error) };
  }
  throw new Error('no redirect');
}

describe("the Next.js redirect helpers throw Next's own redirect signal", () => {
  it('redirect() to a URL with a fragment of its own, 307', () => {
    expect(signalOf(() => redirect('/settings/connections'))).toEqual({
      url: '/settings/connections#',
      status: 307,
    });
  });

  it('keeps a fragment the app chose, and a query', () => {
    expect(signalOf(() => redirect('/settings?tab=github#linked')).url).toBe('/settings?tab=github#linked');
  });

  it('permanentRedirect(), 308', () => {
    expect(signalOf(() => permanentRedirect('https://tasks.example.com/home'))).toEqual({
      url: 'https://tasks.example.com/home#',
      status: 308,
    });
  });

  it('refuses an empty URL before Next does anything (invalid_options)', () => {
    expect(() => redirect('')).toThrow(expect.objectContaining({ code: 'invalid_options' }));
  });
});
