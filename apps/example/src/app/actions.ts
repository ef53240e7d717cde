'use server';

import { ForbiddenError } from '@clerkship/rbac';
import { revalidatePath } from 'next/cache';
import { access } from '@/lib/access';
import { guards } from '@/lib/guards';
import { deleteTask, findTask, insertTask, parseTitle, updateTask } from '@/lib/tasks';
import { betaGuards } from '@/lib/waitlist';

// Every action checks for itself: a hidden button is not a permission check.

export async function createTaskAction(formData: FormData): Promise<void> {
  await betaGuards.action();
  const { userId, ownerId } = await guards.action('org:tasks:edit');
  const title = parseTitle(formData.get('title'));
  if (!title) throw new Error('example: a task needs a title of 1 to 200 characters.');
  await insertTask({ ownerId, createdById: userId, title });
  revalidatePath('/');
}

async function editableTask(formData: FormData) {
  await betaGuards.action();
  const session = await guards.action('org:tasks:edit');
  const task = await findTask(formData.get('taskId'));
  // An unknown id and another tenant's id look the same from outside.
  if (!task) throw new ForbiddenError('other_tenant', 'org:tasks:edit');
  access.require(session.auth, 'org:tasks:edit', task);
  return { session, task };
}

export async function toggleTaskAction(formData: FormData): Promise<void> {
  const { session, task } = await editableTask(formData);
  await updateTask(task.id, session.ownerId, { completed: task.completedAt === null });
  revalidatePath('/');
}

export async function deleteTaskAction(formData: FormData): Promise<void> {
  const { session, task } = await editableTask(formData);
  await deleteTask(task.id, session.ownerId);
  revalidatePath('/');
}
