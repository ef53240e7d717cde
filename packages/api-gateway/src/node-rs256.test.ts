import { describe, expect, it } from 'vitest';
import { createNodeRs256 } from './node-rs256';

const onEdge = typeof (globalThis as { EdgeRuntime?: unknown }).EdgeRuntime === 'string';

describe('the synchronous RS256 path', () => {
  it('is used on Node and never on an edge runtime (which verifies with jose and Web Crypto)', () => {
    expect(createNodeRs256() === undefined).toBe(onEdge);
  });
});
