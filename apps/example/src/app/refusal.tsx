import type { ActionResult } from '@clerkship/rbac/next';

/** Why the server refused a form: the action's typed refusal, shown where the form is. */
export function Refusal({ state }: { state: ActionResult<unknown> | null }) {
  if (!state || state.ok) return null;
  return (
    <p className="refusal" role="alert" data-testid="refusal" data-code={state.error}>
      {state.message.replace(/^@clerkship\/[a-z-]+: /, '')}
    </p>
  );
}
