import { isClerkshipError } from '@clerkship/internal';
import { describe, expect, it } from 'vitest';
import { ApiGatewayError } from './errors';

describe('ApiGatewayError', () => {
  it('maps codes to the status API Gateway answers', () => {
    expect(new ApiGatewayError('token_expired', 'x').status).toBe(401);
    expect(new ApiGatewayError('forbidden', 'x').status).toBe(403);
    expect(new ApiGatewayError('jwks_unavailable', 'x').status).toBe(500);
  });

  it('is recognised across two installed copies, keeps its cause, and names the package', () => {
    const cause = new Error('socket hang up');
    const error = new ApiGatewayError('jwks_unavailable', 'could not fetch.', { cause });
    // What another installed copy's error carries: the family marker and this package's marker.
    const copy = {};
    for (const name of ['clerkship.error', 'clerkship.api-gateway.error']) {
      Object.defineProperty(copy, Symbol.for(name), { value: true });
    }
    expect(ApiGatewayError.isInstance(error)).toBe(true);
    expect(ApiGatewayError.isInstance(copy)).toBe(true);
    expect(ApiGatewayError.isInstance(new Error('x'))).toBe(false);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('@clerkship/api-gateway: could not fetch.');
  });

  it('is a ClerkshipError, so a guard of the family recognises it, and not another package error', () => {
    const error = new ApiGatewayError('forbidden', 'user_bob may not call GET /reports.');
    expect(isClerkshipError(error)).toBe(true);
    expect(error.code).toBe('forbidden');
    const other = {};
    Object.defineProperty(other, Symbol.for('clerkship.error'), { value: true });
    expect(ApiGatewayError.isInstance(other)).toBe(false);
  });
});
