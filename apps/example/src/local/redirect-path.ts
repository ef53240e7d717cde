const placeholderOrigin = 'http://app.invalid';

/**
 * A path of this app, or `/`. Parsed as the browser will parse it, against an origin: `//host`,
 * `/\\host`, `/\t/host` and other tricks resolve to another origin and are refused; control
 * characters are refused outright (a browser strips tabs and newlines before resolving).
 */
export function safeRedirectPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || /[\p{Cc}\\]/u.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, placeholderOrigin);
  } catch {
    return '/';
  }
  return url.origin === placeholderOrigin ? `${url.pathname}${url.search}${url.hash}` : '/';
}
