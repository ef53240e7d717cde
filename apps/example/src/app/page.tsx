import { auth } from '@clerk/nextjs/server';
import { count, eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { database, schema } from '@/lib/db';
import { describeSession } from '@/lib/session';

export default async function HomePage() {
  const session = describeSession(await auth());
  if (!session) redirect('/sign-in?redirect_url=/');

  // The tenant that owns data created now: the active organization, else the user's own account.
  const ownerId = session.organization?.id ?? session.userId;
  const db = await database();
  const [row] = await db
    .select({ tasks: count() })
    .from(schema.tasks)
    .where(eq(schema.tasks.ownerId, ownerId));

  return (
    <section className="card" data-testid="whoami">
      <h1>Hello, {session.name}</h1>
      <dl>
        <dt>User</dt>
        <dd data-testid="user-id">{session.userId}</dd>
        <dt>Session</dt>
        <dd>{session.sessionId}</dd>
        <dt>Workspace</dt>
        <dd data-testid="workspace">
          {session.organization ? session.organization.name : 'Personal account'}
        </dd>
        {session.organization ? (
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
        <dd data-testid="task-count">{row?.tasks ?? 0}</dd>
      </dl>
    </section>
  );
}
