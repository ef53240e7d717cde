'use client';

import { useActionState } from 'react';
import { Can } from '@/lib/access-client';
import { createTaskAction } from './actions';
import { Refusal } from './refusal';

/** Shown to those who may create tasks; the action checks again on the server. */
export function AddTaskForm() {
  const [state, action] = useActionState(createTaskAction, null);
  return (
    <Can
      permission="org:tasks:edit"
      fallback={<p data-testid="read-only">You can view tasks but not add them.</p>}
    >
      <form action={action} className="add-task" data-testid="add-task">
        <input
          name="title"
          placeholder="What needs doing?"
          maxLength={200}
          required
          aria-label="Task title"
        />
        <button type="submit">Add task</button>
      </form>
      <Refusal state={state} />
    </Can>
  );
}
