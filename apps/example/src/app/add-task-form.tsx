'use client';

import { Can } from '@/lib/access-client';
import { createTaskAction } from './actions';

/** Shown to those who may create tasks; the action checks again on the server. */
export function AddTaskForm() {
  return (
    <Can
      permission="org:tasks:edit"
      fallback={<p data-testid="read-only">You can view tasks but not add them.</p>}
    >
      <form action={createTaskAction} className="add-task" data-testid="add-task">
        <input
          name="title"
          placeholder="What needs doing?"
          maxLength={200}
          required
          aria-label="Task title"
        />
        <button type="submit">Add task</button>
      </form>
    </Can>
  );
}
