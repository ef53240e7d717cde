import { access } from './access';
import { deleteTasks, listCompletedTasks } from './tasks';

/**
 * "Clear completed", the action Team Tasks sells seats for: deletes the completed tasks of the active
 * workspace that the session may edit (members their own, managers all). Callers check the seat first.
 */
export async function clearCompletedTasks(session: Parameters<typeof access.can>[0] & { tenantId: string }) {
  const completed = await listCompletedTasks(session.tenantId);
  const editable = completed.filter((task) => access.can(session, 'org:tasks:edit', task));
  return deleteTasks(
    editable.map((task) => task.id),
    session.tenantId,
  );
}
