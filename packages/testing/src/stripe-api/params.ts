import { z } from 'zod';
import type { FormParams, FormValue } from './form-body';
import { invalidRequest } from './stripe-request-error';

// Stripe's form encoding carries every leaf as a string: these read them as Stripe does.

/** `'3'` → 3; anything else is Stripe's "Invalid integer". */
export const integer = z
  .string()
  .regex(/^-?\d+$/, { error: 'Invalid integer' })
  .transform((value) => Number(value));

/** An integer that must be at least `minimum` (quantities). */
export function integerAtLeast(minimum: number) {
  return integer.refine((value) => value >= minimum, {
    error: `This value must be greater than or equal to ${minimum}.`,
  });
}

export const boolean = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Metadata: string keys to string values; `''` (an unset object) clears it, a `''` value removes a key. */
export const metadata = z.union([z.literal(''), z.record(z.string(), z.string())]);

export const expand = z.array(z.string()).optional();

/** A Unix timestamp, or `'now'` where Stripe allows it (`trial_end`). */
export const timestampOrNow = z.union([z.literal('now'), integer]);

function paramName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return `${head ?? ''}${rest.map((part) => `[${part}]`).join('')}`;
}

function valueAt(params: FormParams, path: readonly PropertyKey[]): FormValue | undefined {
  let node: FormValue | undefined = params;
  for (const part of path) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = (node as Record<string, FormValue>)[String(part)];
  }
  return node;
}

/**
 * Parses a request's parameters with `schema`, or throws the 400 Stripe sends for the first bad one
 * ("Missing required param: line_items[0][price]." / "Invalid integer: abc").
 */
export function parseParams<Schema extends z.ZodType>(schema: Schema, params: FormParams): z.output<Schema> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  const param = paramName(path);
  const value = valueAt(params, path);
  if (value === undefined && issue?.code === 'invalid_type')
    throw invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
  if (issue?.message === 'Invalid integer')
    throw invalidRequest(`Invalid integer: ${String(value)}`, param, 'parameter_invalid_integer');
  if (issue?.code === 'invalid_value' && typeof value === 'string')
    throw invalidRequest(`Invalid ${param}: must be one of ${issue.values.join(', ')}`, param);
  const message = issue?.message ?? `Invalid ${param}.`;
  throw invalidRequest(
    message,
    param,
    message.startsWith('This value must be') ? 'parameter_invalid_integer' : 'parameter_invalid',
  );
}

/** Applies a metadata update as Stripe does: `''` clears all, a key set to `''` is removed. */
export function updatedMetadata(
  current: Record<string, string>,
  update: z.output<typeof metadata> | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === '') return {};
  const next = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}
