import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirect-path';

describe('safeRedirectPath: where local sign-in may send the browser back to', () => {
  it('keeps a path of this app, with its query and fragment', () => {
    expect(safeRedirectPath('/billing?paid=1#seats')).toBe('/billing?paid=1#seats');
    expect(safeRedirectPath('/a/../team')).toBe('/team');
  });

  it.each([
    '//evil.example/phish',
    '/\\evil.example',
    '/\t/evil.example',
    '/.//evil.example/phish',
    '/a/..//evil.example',
    '/%2e//evil.example',
    'https://evil.example/',
    'evil.example',
    '',
  ])('refuses %j: the browser would leave the app', (value) => {
    const path = safeRedirectPath(value);
    expect(path).toBe('/');
    expect(new URL(path, 'https://app.example').origin).toBe('https://app.example');
  });

  it('refuses what is not a string', () => {
    expect(safeRedirectPath(undefined)).toBe('/');
    expect(safeRedirectPath(['/team'])).toBe('/');
  });
});
