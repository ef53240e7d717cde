import { z } from 'zod';
import { listPage } from './list';
import { integer, parseParams } from './params';
import type { Route } from './route';
import { resourceMissing } from './stripe-request-error';

const range = z.union([
  integer,
  z.object({
    gt: integer.optional(),
    gte: integer.optional(),
    lt: integer.optional(),
    lte: integer.optional(),
  }),
]);

const listParams = z.object({
  type: z.string().optional(),
  types: z.array(z.string()).optional(),
  created: range.optional(),
});

/** `type` accepts a `*` wildcard (`customer.subscription.*`), as Stripe's does. */
function typeMatches(pattern: string, type: string): boolean {
  if (!pattern.includes('*')) return pattern === type;
  const expression = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.]/g, '\\.'))
      .join('.*')}$`,
  );
  return expression.test(type);
}

export const eventRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: /^\/v1\/events$/,
    handle: ({ state, params }) => {
      const filter = parseParams(listParams, params);
      const created = filter.created;
      const events = state.events.filter((event) => {
        if (filter.type && !typeMatches(filter.type, event.type)) return false;
        if (filter.types && !filter.types.some((type) => typeMatches(type, event.type))) return false;
        if (typeof created === 'number') return event.created === created;
        if (created) {
          if (created.gt !== undefined && !(event.created > created.gt)) return false;
          if (created.gte !== undefined && !(event.created >= created.gte)) return false;
          if (created.lt !== undefined && !(event.created < created.lt)) return false;
          if (created.lte !== undefined && !(event.created <= created.lte)) return false;
        }
        return true;
      });
      return listPage(state, events, params, '/v1/events');
    },
  },
  {
    method: 'GET',
    path: /^\/v1\/events\/([^/]+)$/,
    handle: ({ state, ids: [id = ''] }) => {
      const event = state.events.find((candidate) => candidate.id === id);
      if (!event) throw resourceMissing('event', id);
      return event;
    },
  },
];
