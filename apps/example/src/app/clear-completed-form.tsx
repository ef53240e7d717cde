'use client';

import { useActionState } from 'react';
import { Can } from '@/lib/access-client';
import { clearCompletedAction } from './actions';
import { Refusal } from './refusal';

/** "Clear completed": needs a licensed seat, which the server checks; a refusal says why. */
export function ClearCompletedForm() {
  const [state, action] = useActionState(clearCompletedAction, null);
  return (
    <Can permission="org:tasks:edit">
      <form action={action} className="add-task" data-testid="clear-completed">
        <button type="submit">Clear completed</button>
        <span className="read-only">needs a licensed seat</span>
        {state?.ok ? <span data-testid="cleared">Cleared {state.value}.</span> : null}
      </form>
      <Refusal state={state} />
    </Can>
  );
}
