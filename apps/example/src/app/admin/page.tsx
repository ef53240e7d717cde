import { notFound } from 'next/navigation';
import { guard } from '@/lib/guard';
import { adminQuery } from '@/lib/input';
import { isLocalMode } from '@/lib/mode';
import { waitlist, waitlistAdmin } from '@/lib/waitlist';
import { UserActions } from './user-actions';

const statuses = ['all', 'waitlisted', 'approved', 'admin'] as const;

/** Backend API requests the app made so far (local mode counts them at its fake Clerk). */
async function backendApiCalls(): Promise<number | null> {
  if (!isLocalMode()) return null;
  const { localBackendApi } = await import('@/local/backend-api');
  return (await localBackendApi()).calls.length;
}

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  // Non-admins learn nothing about this page (404); the actions check again on their own.
  const { userId } = await guard.page(waitlist.admin);
  const query = adminQuery.safeParse(await searchParams);
  // A hand-edited link (cursor=garbage, cursor=-5): 404 with the page's own message, not a crash.
  if (!query.success) notFound();
  const { q, cursor, status } = query.data;
  const page = await waitlistAdmin.listUsers({ ...(q ? { query: q } : {}), ...(cursor ? { cursor } : {}) });
  const users = status === 'all' ? page.users : page.users.filter((user) => user.status === status);
  const calls = await backendApiCalls();

  return (
    <section className="card">
      <h1>Beta waitlist</h1>
      <form method="get" className="add-task">
        <input
          name="q"
          defaultValue={q ?? ''}
          placeholder="Search by email, name or id"
          aria-label="Search users"
        />
        <select name="status" defaultValue={status} aria-label="Status">
          {statuses.map((value) => (
            <option key={value} value={value}>
              {value === 'all' ? 'Everyone' : value}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
      </form>
      <p data-testid="user-count">
        {page.totalCount} users{status === 'all' ? '' : `; ${users.length} ${status} on this page`}.
        {calls === null ? null : (
          <span data-testid="backend-api-calls"> Clerk Backend API requests so far: {calls}.</span>
        )}
      </p>
      <ul className="tasks" data-testid="users">
        {users.map((user) => (
          <li key={user.id} data-testid="user" data-user-id={user.id} data-status={user.status}>
            <span>
              <strong>{user.name ?? user.id}</strong> {user.email} <em>{user.status}</em>
            </span>
            {user.status === 'admin' ? (
              <span className="read-only">admin</span>
            ) : (
              <UserActions userId={user.id} approved={user.status === 'approved'} self={user.id === userId} />
            )}
          </li>
        ))}
      </ul>
      {page.nextCursor ? (
        <a
          className="button"
          href={`/admin?${new URLSearchParams({ ...(q ? { q } : {}), status, cursor: page.nextCursor })}`}
        >
          Next page
        </a>
      ) : null}
    </section>
  );
}
