import { RbacError } from '@clerkship/rbac';
import type { GuardedSession } from '@clerkship/rbac/next';
import { access } from '@/lib/access';
import { guard } from '@/lib/guard';
import { jsonBody, taskId, taskPatch } from '@/lib/input';
import { deleteTask, findTask, updateTask } from '@/lib/tasks';
import { waitlist } from '@/lib/waitlist';

type Context = { params: Promise<{ id: string }> };
const noStore = { 'cache-control': 'no-store' };
const canEdit = [waitlist.approved, access.permission('org:tasks:edit')];

async function editableTask(context: Context, session: GuardedSession) {
  const task = await findTask(await guard.parse(taskId, (await context.params).id));
  // An unknown id and another tenant's id look the same from outside.
  if (!task) throw RbacError.denial('other_tenant', 'org:tasks:edit');
  access.require(session, 'org:tasks:edit', task);
  return task;
}

/** Changes a task: `{ "title"?: string, "completed"?: boolean }`. */
export const PATCH = guard.route<Context>(canEdit, async (request, context) => {
  const task = await editableTask(context, context.session);
  const patch = await guard.parse(taskPatch, await jsonBody(request));
  const updated = await updateTask(task.id, context.session.tenantId, patch);
  return Response.json({ task: updated }, { headers: noStore });
});

export const DELETE = guard.route<Context>(canEdit, async (_request, context) => {
  const task = await editableTask(context, context.session);
  await deleteTask(task.id, context.session.tenantId);
  return new Response(null, { status: 204, headers: noStore });
});
