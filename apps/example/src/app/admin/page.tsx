import { auth } from '@clerk/nextjs/server';
import { notFound } from 'next/navigation';
import { waitlist, waitlistAdmin } from '@/lib/waitlist';
import { approveUserAction, revokeUserAction } from './actions';

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; cursor?: string }>;
}) {
  // Non-admins learn nothing about this page; the actions check again on their own.
  if (waitlist.statusOf(await auth()) !== 'admin') notFound();
  const { q, cursor } = await searchParams;
  const page = await waitlistAdmin.listUsers({ ...(q ? { query: q } : {}), ...(cursor ? { cursor } : {}) });

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
        <button type="submit">Search</button>
      </form>
      <ul className="tasks" data-testid="users">
        {page.users.map((user) => (
          <li key={user.id} data-testid="user" data-user-id={user.id} data-status={user.status}>
            <span>
              <strong>{user.name ?? user.id}</strong> {user.email}
            </span>
            {user.status === 'admin' ? (
              <span className="read-only">admin</span>
            ) : (
              <form action={user.status === 'approved' ? revokeUserAction : approveUserAction}>
                <input type="hidden" name="userId" value={user.id} />
                <button type="submit">{user.status === 'approved' ? 'Revoke' : 'Approve'}</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {page.nextCursor ? (
        <a
          className="button"
          href={`/admin?${new URLSearchParams({ ...(q ? { q } : {}), cursor: page.nextCursor })}`}
        >
          Next page
        </a>
      ) : null}
    </section>
  );
}
