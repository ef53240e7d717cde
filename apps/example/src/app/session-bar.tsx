import { isLocalMode } from '@/lib/mode';
import type { SessionView } from '@/lib/session';

/** Who is signed in, in which workspace, and a way out. */
export async function SessionBar({ session }: { session: SessionView | null }) {
  if (!session) {
    return (
      <a className="button" href="/sign-in">
        Sign in
      </a>
    );
  }
  // Local mode signs out by clearing its own cookies; connected mode uses Clerk's user menu.
  const signOut = isLocalMode() ? (await import('@/local/session')).signOutLocal : null;
  return (
    <div className="session" data-testid="session-bar">
      <span>
        <strong>{session.name}</strong> · {session.workspace}
      </span>
      {signOut ? (
        <form action={signOut}>
          <button type="submit">Sign out</button>
        </form>
      ) : null}
    </div>
  );
}
