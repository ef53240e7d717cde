import { expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time-equal';

it('is true only for the same string', () => {
  expect(constantTimeEqual('state-1', 'state-1')).toBe(true);
  expect(constantTimeEqual('state-1', 'state-2')).toBe(false);
  expect(constantTimeEqual('state', 'state-1')).toBe(false);
  expect(constantTimeEqual('', '')).toBe(true);
});
