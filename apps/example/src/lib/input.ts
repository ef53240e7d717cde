import { z } from 'zod';

/** A task title as typed by a person: trimmed, 1 to 200 characters, no control characters. */
export const taskTitle = z
  .string({ error: 'the title must be text' })
  .trim()
  .min(1, 'the title is empty')
  .max(200, 'the title is longer than 200 characters')
  .regex(/^[^\p{Cc}]*$/u, 'the title contains control characters');

/** `POST /api/tasks` and the add-task form. */
export const newTask = z.object({ title: taskTitle }).strict();

/** `PATCH /api/tasks/:id`: what may change. */
export const taskPatch = z
  .object({ title: taskTitle.optional(), completed: z.boolean().optional() })
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

/** The body of a request that should be JSON: `undefined` when it is not, so the schema says what is wrong. */
export async function jsonBody(request: Request): Promise<unknown> {
  return request.json().catch(() => undefined);
}
