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
    const copy = JSON.parse(JSON.stringify({})) as object;
    Object.defineProperty(copy, Symbol.for('clerkship.api-gateway.error'), { value: true });
    expect(ApiGatewayError.isInstance(error)).toBe(true);
    expect(ApiGatewayError.isInstance(copy)).toBe(true);
    expect(ApiGatewayError.isInstance(new Error('x'))).toBe(false);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('@clerkship/api-gateway: could not fetch.');
  });
});
