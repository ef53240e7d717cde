/** The headers every answer of an OAuth callback carries. */
export const callbackHeaders = {
  // A callback's answer must never be replayed from a cache: it carries a one-time code's outcome.
  'cache-control': 'no-store',
  // The callback URL holds the code and state in its query; no later request may carry it as Referer.
  'referrer-policy': 'no-referrer',
} as const;

/**
 * The response with the headers set. Headers of `Response.redirect()` and of fetched responses are
 * immutable, and setting one throws: those are copied into a new response (same body stream, status,
 * status text and headers). Mutable ones (`NextResponse`, `new Response()`) are changed in place so
 * that framework state attached to the object (cookies of a `NextResponse`) survives.
 */
export function withHeaders(response: Response, headers: Readonly<Record<string, string>>): Response {
  try {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
    return copy;
  }
}

/** A redirect whose `Location` has no fragment gets an empty one; every other response is returned as is. */
export function withFragmentSafeLocation(response: Response): Response {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status > 399 || location === null || location.includes('#')) {
    return response;
  }
  return withHeaders(response, { location: `${location}#` });
}
