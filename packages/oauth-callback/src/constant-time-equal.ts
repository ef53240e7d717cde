/**
 * Compares two strings in time that depends only on their lengths, so that a callback's `state` cannot
 * be guessed one character at a time from response times. Lengths are not secret: ours are fixed.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}
