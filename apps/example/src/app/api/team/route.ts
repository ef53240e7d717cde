import { guards } from '@/lib/guards';
import { listTeam } from '@/lib/team';
import { betaGuards } from '@/lib/waitlist';

/** The active workspace's members, from the webhook-fed mirror. */
export const GET = betaGuards.route(
  guards.route('org:tasks:view', async (_request, { session }) =>
    Response.json(await listTeam(session.ownerId), { headers: { 'cache-control': 'no-store' } }),
  ),
);
