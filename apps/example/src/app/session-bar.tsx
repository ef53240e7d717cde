import { isLocalMode } from '@/lib/local-mode';
import { signOutLocal } from '@/lib/local-session';
import type { SessionView } from '@/lib/session';

/** Who is signed in, in which workspace, and a way out. */
export function SessionBar({ session }: { session: SessionView | null }) {
  if (!session) {
    return (
      <a className="button" href="/sign-in">
        Sign in
      </a>
    );
  }
  return (
    <div className="session" data-testid="session-bar">
      <span>
        <strong>{session.name}</strong> · {session.workspace}
      </span>
      {isLocalMode() ? (
        <form action={signOutLocal}>
          <button type="submit">Sign out</button>
        </form>
      ) : null}
    </div>
  );
}
