import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { withoutForeignReferrer } from './session-check';

const page = 'http://127.0.0.1:3000/billing?paid=1';
const host = '127.0.0.1:3000';

describe('a page reached from another site in local mode', () => {
  it('drops the referrer of the local Stripe Checkout, so Clerk asks no handshake of a Frontend API local mode lacks', () => {
    const request = new NextRequest(page, {
      headers: { host, referer: 'http://127.0.0.1:41234/checkout/cs_test_1', cookie: '__session=token' },
    });
    const forwarded = withoutForeignReferrer(request);
    expect(forwarded.headers.get('referer')).toBeNull();
    expect(forwarded.headers.get('cookie')).toBe('__session=token');
    expect(forwarded.nextUrl.pathname).toBe('/billing');
    expect(forwarded.nextUrl.search).toBe('?paid=1');
  });

  it("keeps the app's own referrer, other methods and requests without one unchanged", () => {
    const own = new NextRequest(page, { headers: { host, referer: 'http://127.0.0.1:3000/' } });
    expect(withoutForeignReferrer(own)).toBe(own);
    const post = new NextRequest(page, { method: 'POST', headers: { host, referer: 'http://evil.test/' } });
    expect(withoutForeignReferrer(post)).toBe(post);
    const none = new NextRequest(page, { headers: { host } });
    expect(withoutForeignReferrer(none)).toBe(none);
  });
});
