import type { StripeFakeState } from './stripe-fake-state';
import { invalidRequest } from './stripe-request-error';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expandPath(state: StripeFakeState, value: unknown, parts: readonly string[], path: string): unknown {
  const [head, ...rest] = parts;
  if (head === undefined || value === null || value === undefined) return value;
  if (!isRecord(value) || !(head in value))
    throw invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
  let child = value[head];
  if (Array.isArray(child)) {
    return { ...value, [head]: child.map((entry) => expandOne(state, entry, rest, path)) };
  }
  child = expandOne(state, child, rest, path);
  return { ...value, [head]: child };
}

function expandOne(state: StripeFakeState, value: unknown, rest: readonly string[], path: string): unknown {
  const resolved = typeof value === 'string' ? (state.lookup(value) ?? value) : value;
  return expandPath(state, resolved, rest, path);
}

/**
 * Applies Stripe's `expand[]` to a response: each dotted path (`customer`, `latest_invoice`,
 * `data.items.data.price.product`) replaces an id with the object it names, at most four levels deep.
 * A path through something that is not there is refused, as Stripe refuses it.
 */
export function expandResponse(state: StripeFakeState, body: object, paths: readonly string[]): object {
  let result: unknown = structuredClone(body);
  for (const path of paths) {
    const parts = path.split('.');
    if (parts.filter((part) => part !== 'data').length > 4)
      throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, 'expand');
    result = expandPath(state, result, parts, path);
  }
  return result as object;
}
