'use client';

import { useActionState } from 'react';
import { Refusal } from '../refusal';
import { approveUserAction, revokeUserAction } from './actions';

/** Approve or revoke one user; the server checks the caller and says why when it refuses. */
export function UserActions({
  userId,
  approved,
  self,
}: {
  userId: string;
  approved: boolean;
  self: boolean;
}) {
  const [state, action] = useActionState(approved ? revokeUserAction : approveUserAction, null);
  if (self) return <span className="read-only">you</span>;
  return (
    <span className="task-actions">
      <form action={action}>
        <input type="hidden" name="userId" value={userId} />
        <button type="submit">{approved ? 'Revoke' : 'Approve'}</button>
      </form>
      <Refusal state={state} />
    </span>
  );
}
