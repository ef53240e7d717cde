import { expect, it } from 'vitest';
import { OAuthCallbackError } from './errors';

it('is recognised across two installed copies by its Symbol.for marker, and names the package', () => {
  const error = new OAuthCallbackError('state_mismatch', 'the state does not match. Start again.');
  const fromOtherCopy = {
    [Symbol.for('clerkship.error')]: true,
    [Symbol.for('clerkship.oauth-callback.error')]: true,
  };
  expect(OAuthCallbackError.isInstance(error)).toBe(true);
  expect(OAuthCallbackError.isInstance(fromOtherCopy)).toBe(true);
  expect(OAuthCallbackError.isInstance(new Error('x'))).toBe(false);
  expect(OAuthCallbackError.isInstance({ [Symbol.for('clerkship.error')]: true })).toBe(false);
  expect(error.message).toBe('@clerkship/oauth-callback: the state does not match. Start again.');
  expect(error.status).toBe(400);
});
