const placeholderOrigin = 'http://app.invalid';

/**
 * A path of this app, or `/`. Parsed as the browser will parse it, against an origin: `//host`,
 * `/\\host`, `/\t/host`, `/.//host` and other tricks resolve to another origin and are refused; control
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
  if (url.origin !== placeholderOrigin) return '/';
  // Dot segments can leave a path that starts with `//` (`/.//evil.example` → `//evil.example`): a
  // browser reads that as another origin.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? '/' : path;
}
