'use client';

import { useActionState } from 'react';
import { deleteTaskAction, toggleTaskAction } from './actions';
import { Refusal } from './refusal';

/** Done/Reopen and Delete for one task; the server decides again and says why when it refuses. */
export function TaskActions({ taskId, completed }: { taskId: string; completed: boolean }) {
  const [toggled, toggle] = useActionState(toggleTaskAction, null);
  const [deleted, remove] = useActionState(deleteTaskAction, null);
  return (
    <span className="task-actions">
      <form action={toggle}>
        <input type="hidden" name="taskId" value={taskId} />
        <button type="submit">{completed ? 'Reopen' : 'Done'}</button>
      </form>
      <form action={remove}>
        <input type="hidden" name="taskId" value={taskId} />
        <button type="submit">Delete</button>
      </form>
      <Refusal state={toggled && !toggled.ok ? toggled : deleted} />
    </span>
  );
}
