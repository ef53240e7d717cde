'use server';

import { RbacError } from '@clerkship/rbac';
import type { ActionResult } from '@clerkship/rbac/next';
import { revalidatePath } from 'next/cache';
import { access } from '@/lib/access';
import { guard } from '@/lib/guard';
import { newTask, taskId } from '@/lib/input';
import { licensing } from '@/lib/licensing';
import { clearCompletedTasks } from '@/lib/paid-tasks';
import { deleteTask, findTask, insertTask, updateTask } from '@/lib/tasks';
import { waitlist } from '@/lib/waitlist';

// Every action checks for itself: a hidden button is not a permission check. A refusal comes back as
// a value the form shows (`{ ok: false, error, message }`), never as an error page, and changes nothing.

/** What a task form keeps between submissions: the last refusal, if any. */
export type TaskFormState = ActionResult<null> | null;

export const createTaskAction = guard.safeAction(
  [waitlist.approved, access.permission('org:tasks:edit')],
  async ({ userId, tenantId }, _previous: TaskFormState, formData: FormData) => {
    const { title } = await guard.parse(newTask, { title: formData.get('title') });
    await insertTask({ tenantId, createdById: userId, title });
    revalidatePath('/');
    return null;
  },
);

async function editableTask(session: Parameters<typeof access.require>[0], formData: FormData) {
  const id = await guard.parse(taskId, formData.get('taskId'));
  const task = await findTask(id);
  // An unknown id and another tenant's id look the same from outside.
  if (!task) throw RbacError.denial('other_tenant', 'org:tasks:edit');
  access.require(session, 'org:tasks:edit', task);
  return task;
}

export const toggleTaskAction = guard.safeAction(
  [waitlist.approved, access.permission('org:tasks:edit')],
  async (session, _previous: TaskFormState, formData: FormData) => {
    const task = await editableTask(session, formData);
    await updateTask(task.id, session.tenantId, { completed: task.completedAt === null });
    revalidatePath('/');
    return null;
  },
);

export const deleteTaskAction = guard.safeAction(
  [waitlist.approved, access.permission('org:tasks:edit')],
  async (session, _previous: TaskFormState, formData: FormData) => {
    const task = await editableTask(session, formData);
    await deleteTask(task.id, session.tenantId);
    revalidatePath('/');
    return null;
  },
);

/**
 * The paid action: clears the completed tasks the caller may edit (their own, or all for managers). It
 * needs a licensed seat, re-checked in the database (`fresh`), so a canceled subscription or a revoked
 * seat stops it at once rather than when the session token next refreshes.
 */
export const clearCompletedAction = guard.safeAction(
  [waitlist.approved, access.permission('org:tasks:edit'), licensing.requireSeat({ fresh: true })],
  async (session, _previous: ActionResult<number> | null, _formData: FormData) => {
    const cleared = await clearCompletedTasks(session);
    revalidatePath('/');
    return cleared;
  },
);
