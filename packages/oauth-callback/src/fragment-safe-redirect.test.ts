import { describe, expect, it } from 'vitest';
import { OAuthCallbackError } from './errors';
import { fragmentSafeRedirect, fragmentSafeUrl, type RedirectStatus } from './fragment-safe-redirect';

describe('fragmentSafeUrl', () => {
  it.each([
    ['/settings/connections', '/settings/connections#'],
    ['/settings?tab=github', '/settings?tab=github#'],
    ['https://tasks.example.com/dashboard', 'https://tasks.example.com/dashboard#'],
    ['/settings#github', '/settings#github'],
    ['/settings#', '/settings#'],
  ])('gives %s a fragment of its own: %s', (url, safe) => {
    expect(fragmentSafeUrl(url)).toBe(safe);
  });

  it('tells a URL object with an empty fragment from one without (both have hash "")', () => {
    expect(fragmentSafeUrl(new URL('https://tasks.example.com/a'))).toBe('https://tasks.example.com/a#');
    expect(fragmentSafeUrl(new URL('https://tasks.example.com/a#'))).toBe('https://tasks.example.com/a#');
  });

  it.each(['', '/a\r\nSet-Cookie: x=1', '/a b'])('refuses %j (invalid_options)', (url) => {
    expect(() => fragmentSafeUrl(url)).toThrow(expect.objectContaining({ code: 'invalid_options' }));
  });
});

describe('fragmentSafeRedirect', () => {
  it('answers 303 with a Location that has a fragment, uncached', () => {
    const response = fragmentSafeRedirect('/dashboard');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboard#');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each([301, 302, 307, 308] as const)('takes status %i', (status) => {
    expect(fragmentSafeRedirect('/dashboard', status).status).toBe(status);
  });

  it('refuses a status that is not a redirect (invalid_options)', () => {
    const attempt = () => fragmentSafeRedirect('/dashboard', 200 as RedirectStatus);
    expect(attempt).toThrow(OAuthCallbackError);
    expect(attempt).toThrow(/200 is not a redirect status/);
  });
});
