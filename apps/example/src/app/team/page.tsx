import { access } from '@/lib/access';
import { guard } from '@/lib/guard';
import { listTeam } from '@/lib/team';
import { waitlist } from '@/lib/waitlist';

export default async function TeamPage() {
  const { tenantId } = await guard.page(waitlist.approved, access.permission('org:tasks:view'));
  const { organization, members } = await listTeam(tenantId);

  return (
    <section className="card">
      <h1>Team{organization ? `: ${organization.name}` : ''}</h1>
      <p>
        Synced from Clerk by webhooks into this app&apos;s database (users, organizations, memberships), so
        this page makes no Clerk Backend API call.
      </p>
      {members.length === 0 ? (
        <p data-testid="team-empty">No members synced yet.</p>
      ) : (
        <ul data-testid="team">
          {members.map((member) => (
            <li key={member.userId} data-testid="member" data-user-id={member.userId}>
              {[member.firstName, member.lastName].filter(Boolean).join(' ') || member.userId}
              {member.email ? ` <${member.email}>` : ''} ({member.role})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
