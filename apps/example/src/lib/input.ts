import { z } from 'zod';

/** A task title as typed by a person: trimmed, 1 to 200 characters, no control characters. */
export const taskTitle = z
  .string({ error: 'the title must be text' })
  .trim()
  .min(1, 'the title is empty')
  .max(200, 'the title is longer than 200 characters')
  .regex(/^[^\p{Cc}]*$/u, 'the title contains control characters');

/** What a JSON route says when the body is missing, not JSON, or not sent as `application/json`. */
const notJson = {
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? 'send a JSON object with Content-Type: application/json' : undefined,
};

/** `POST /api/tasks` and the add-task form. */
export const newTask = z.object({ title: taskTitle }, notJson).strict();

/** `PATCH /api/tasks/:id`: what may change. */
export const taskPatch = z
  .object({ title: taskTitle.optional(), completed: z.boolean().optional() }, notJson)
  .strict()
  .refine((patch) => patch.title !== undefined || patch.completed !== undefined, 'send a title or completed');

/** A task id from a route or a form. */
export const taskId = z.uuid('not a task id');

/** The admin page's query string. */
export const adminQuery = z.object({
  q: z.string().max(200).optional(),
  cursor: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,8})$/)
    .optional(),
  status: z.enum(['all', 'waitlisted', 'approved', 'admin']).default('all'),
});

// `application/json` or a `+json` type, with or without parameters.
const jsonContentType = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * The body of a request that should be JSON: `undefined` when it is not, so the schema says what is
 * wrong. A body not sent as JSON counts as none: an HTML form or a `text/plain` fetch from another site
 * (which needs no CORS preflight) cannot reach a JSON route with the user's cookies.
 */
export async function jsonBody(request: Request): Promise<unknown> {
  if (!jsonContentType.test(request.headers.get('content-type') ?? '')) return undefined;
  return request.json().catch(() => undefined);
}
