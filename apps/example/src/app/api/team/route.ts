import { access } from '@/lib/access';
import { guard } from '@/lib/guard';
import { listTeam } from '@/lib/team';
import { waitlist } from '@/lib/waitlist';

/** The active workspace's members, from the webhook-fed mirror. */
export const GET = guard.route(
  [waitlist.approved, access.permission('org:tasks:view')],
  async (_request, { session }) =>
    Response.json(await listTeam(session.tenantId), { headers: { 'cache-control': 'no-store' } }),
);
