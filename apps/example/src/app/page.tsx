import { access } from '@/lib/access';
import { guard } from '@/lib/guard';
import { describeSession } from '@/lib/session';
import { listTasks } from '@/lib/tasks';
import { waitlist } from '@/lib/waitlist';
import { AddTaskForm } from './add-task-form';
import { ClearCompletedForm } from './clear-completed-form';
import { TaskActions } from './task-actions';

export default async function TasksPage() {
  const guarded = await guard.page(waitlist.approved, access.permission('org:tasks:view'));
  const session = describeSession(guarded.auth);
  const tasks = await listTasks(guarded.tenantId);

  return (
    <>
      <section className="card" data-testid="whoami">
        <h1>Hello, {session?.name}</h1>
        <dl>
          <dt>User</dt>
          <dd data-testid="user-id">{session?.userId}</dd>
          <dt>Session</dt>
          <dd>{session?.sessionId}</dd>
          <dt>Workspace</dt>
          <dd data-testid="workspace">
            {session?.organization ? session.organization.name : 'Personal account'}
          </dd>
          {session?.organization ? (
            <>
              <dt>Organization id</dt>
              <dd>{session.organization.id}</dd>
              <dt>Role</dt>
              <dd data-testid="role">{session.organization.role}</dd>
              <dt>Permissions</dt>
              <dd data-testid="permissions">{session.organization.permissions.join(', ') || 'none'}</dd>
            </>
          ) : null}
          <dt>Tasks in this workspace</dt>
          <dd data-testid="task-count">{tasks.length}</dd>
        </dl>
      </section>

      <section className="card tasks">
        <h2>Tasks</h2>
        <AddTaskForm />
        {/* Seats belong to organizations: the paid action is offered there. */}
        {session?.organization ? <ClearCompletedForm /> : null}
        <ul data-testid="tasks">
          {tasks.map((task) => (
            <li
              key={task.id}
              data-testid="task"
              data-task-id={task.id}
              className={task.completedAt ? 'done' : ''}
            >
              <span className="title">{task.title}</span>
              {access.can(guarded, 'org:tasks:edit', task) ? (
                <TaskActions taskId={task.id} completed={task.completedAt !== null} />
              ) : (
                <span className="read-only">read only</span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
