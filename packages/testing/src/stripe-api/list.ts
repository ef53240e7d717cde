import { z } from 'zod';
import type { FormParams } from './form-body';
import { integer, parseParams } from './params';
import type { StripeFakeState } from './stripe-fake-state';
import { invalidRequest } from './stripe-request-error';

const pageParams = z.object({
  limit: integer.optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
});

interface Listed {
  id: string;
  created: number;
}

/** Newest first, as Stripe lists; objects made in the same second keep the order they were made in. */
export function newestFirst<T extends Listed>(state: StripeFakeState, objects: Iterable<T>): T[] {
  return [...objects].sort(
    (a, b) => b.created - a.created || state.sequence(b as object) - state.sequence(a as object),
  );
}

/**
 * One page of a Stripe list (`{ object: 'list', data, has_more, url }`) with `limit` (1–100, default
 * 10), `starting_after` and `ending_before`, so the SDK's auto-pagination walks it.
 */
export function listPage<T extends Listed>(
  state: StripeFakeState,
  objects: Iterable<T>,
  params: FormParams,
  url: string,
) {
  const { limit = 10, starting_after, ending_before } = parseParams(pageParams, params);
  if (limit < 1 || limit > 100)
    throw invalidRequest('This value must be between 1 and 100 (inclusive).', 'limit');
  const sorted = newestFirst(state, objects);
  let start = 0;
  let end = sorted.length;
  if (starting_after) {
    const index = sorted.findIndex((object) => object.id === starting_after);
    if (index < 0)
      throw invalidRequest(`No such object: '${starting_after}'`, 'starting_after', 'resource_missing');
    start = index + 1;
  }
  if (ending_before) {
    const index = sorted.findIndex((object) => object.id === ending_before);
    if (index < 0)
      throw invalidRequest(`No such object: '${ending_before}'`, 'ending_before', 'resource_missing');
    end = index;
    start = Math.max(0, end - limit);
  }
  const data = sorted.slice(start, Math.min(end, start + limit));
  return { object: 'list' as const, data, has_more: start + data.length < end, url };
}
