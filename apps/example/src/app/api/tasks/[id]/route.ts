import { ForbiddenError } from '@clerkship/rbac';
import { access } from '@/lib/access';
import { guards } from '@/lib/guards';
import { deleteTask, findTask, parseTitle, updateTask } from '@/lib/tasks';
import { betaGuards } from '@/lib/waitlist';

type Context = { params: Promise<{ id: string }> };
const noStore = { 'cache-control': 'no-store' };

async function editableTask(context: Context, auth: Parameters<typeof access.require>[0]) {
  const task = await findTask((await context.params).id);
  // An unknown id and another tenant's id look the same from outside.
  if (!task) throw new ForbiddenError('other_tenant', 'org:tasks:edit');
  access.require(auth, 'org:tasks:edit', task);
  return task;
}

/** Changes a task: `{ "title"?: string, "completed"?: boolean }`. */
export const PATCH = betaGuards.route<Context>(
  guards.route<Context>('org:tasks:edit', async (request, context) => {
    const task = await editableTask(context, context.session.auth);
    const body = (await request.json().catch(() => null)) as { title?: unknown; completed?: unknown } | null;
    const title = body?.title === undefined ? undefined : parseTitle(body.title);
    const completed = body?.completed;
    if (!body || title === null || (completed !== undefined && typeof completed !== 'boolean')) {
      return Response.json(
        {
          error: 'invalid_request',
          message: 'Send { "title"?: string (1 to 200 characters), "completed"?: boolean }.',
        },
        { status: 400, headers: noStore },
      );
    }
    const updated = await updateTask(task.id, context.session.ownerId, {
      ...(title === undefined ? {} : { title }),
      ...(completed === undefined ? {} : { completed }),
    });
    return Response.json({ task: updated }, { headers: noStore });
  }),
);

export const DELETE = betaGuards.route<Context>(
  guards.route<Context>('org:tasks:edit', async (_request, context) => {
    const task = await editableTask(context, context.session.auth);
    await deleteTask(task.id, context.session.ownerId);
    return new Response(null, { status: 204, headers: noStore });
  }),
);
