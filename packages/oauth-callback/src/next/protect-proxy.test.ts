import { type NextFetchEvent, NextRequest, NextResponse } from 'next/server';
import { describe, expect, it } from 'vitest';
import { protectProxy } from './protect-proxy';

const event = {} as NextFetchEvent;
const callbackPaths = ['/api/oauth/github/callback'];

describe('protectProxy', () => {
  it("adds a fragment to the wrapped proxy's redirect: a signed-out visitor sent to sign-in from the callback", async () => {
    // What clerkMiddleware's auth.protect() answers a signed-out visitor.
    const clerkLike = (request: NextRequest, _event: NextFetchEvent) =>
      NextResponse.redirect(new URL(`/sign-in?redirect_url=${encodeURIComponent(request.url)}`, request.url));
    const proxy = protectProxy(clerkLike, { callbackPaths });
    const response = await proxy(
      new NextRequest('https://tasks.example.com/api/oauth/github/callback?code=c'),
      event,
    );
    expect(response?.status).toBe(307);
    expect(response?.headers.get('location')).toMatch(
      /^https:\/\/tasks\.example\.com\/sign-in\?redirect_url=.+#$/,
    );
    expect(response?.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response?.headers.get('cache-control')).toBe('no-store');
  });

  it('makes redirects on other paths fragment-safe too, without the callback headers', async () => {
    const proxy = protectProxy(() => NextResponse.redirect('https://tasks.example.com/sign-in'), {
      callbackPaths,
    });
    const response = await proxy(new NextRequest('https://tasks.example.com/tasks'));
    expect(response?.headers.get('location')).toBe('https://tasks.example.com/sign-in#');
    expect(response?.headers.get('referrer-policy')).toBeNull();
  });

  it('lets a callback request through with the callback headers when the proxy returns nothing', async () => {
    const response = await protectProxy(() => undefined, { callbackPaths })(
      new NextRequest('https://tasks.example.com/api/oauth/github/callback'),
    );
    expect(response?.headers.get('x-middleware-next')).toBe('1');
    expect(response?.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('works without a proxy to wrap, and matches RegExp paths', async () => {
    const proxy = protectProxy(undefined, { callbackPaths: [/^\/api\/oauth\/[^/]+\/callback$/] });
    const callback = await proxy(new NextRequest('https://tasks.example.com/api/oauth/google/callback'));
    expect(callback?.headers.get('cache-control')).toBe('no-store');
    expect(await proxy(new NextRequest('https://tasks.example.com/tasks'))).toBeUndefined();
  });

  it('keeps the cookies and the headers the wrapped proxy set', async () => {
    const proxy = protectProxy(() => {
      const response = NextResponse.redirect('https://tasks.example.com/sign-in');
      response.cookies.set('__clerk_redirect', '1');
      return response;
    });
    const response = await proxy(new NextRequest('https://tasks.example.com/tasks'));
    expect(response?.headers.get('set-cookie')).toContain('__clerk_redirect=1');
  });

  it('refuses callbackPaths that are not strings or RegExps (invalid_options)', () => {
    expect(() => protectProxy(undefined, { callbackPaths: [42 as unknown as string] })).toThrow(
      expect.objectContaining({ code: 'invalid_options' }),
    );
  });
});
