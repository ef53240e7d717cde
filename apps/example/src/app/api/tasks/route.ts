import { access } from '@/lib/access';
import { guard } from '@/lib/guard';
import { jsonBody, newTask } from '@/lib/input';
import { licensing } from '@/lib/licensing';
import { clearCompletedTasks } from '@/lib/paid-tasks';
import { insertTask, listTasks } from '@/lib/tasks';
import { waitlist } from '@/lib/waitlist';

const noStore = { 'cache-control': 'no-store' };

/** The tasks of the caller's active workspace. */
export const GET = guard.route(
  [waitlist.approved, access.permission('org:tasks:view')],
  async (_request, { session }) =>
    Response.json({ tasks: await listTasks(session.tenantId) }, { headers: noStore }),
);

/** Creates a task in the caller's active workspace: `{ "title": "..." }`. Bad input: 400 `invalid_input`. */
export const POST = guard.route(
  [waitlist.approved, access.permission('org:tasks:edit')],
  async (request, { session }) => {
    const { title } = await guard.parse(newTask, await jsonBody(request));
    const task = await insertTask({ tenantId: session.tenantId, createdById: session.userId, title });
    return Response.json({ task }, { status: 201, headers: noStore });
  },
);

/**
 * Clears the completed tasks the caller may edit: `{ "cleared": n }`. A paid action: it needs a licensed
 * seat, re-checked in the database; without one, 403 `no_seat`.
 */
export const DELETE = guard.route(
  [waitlist.approved, access.permission('org:tasks:edit'), licensing.requireSeat({ fresh: true })],
  async (_request, { session }) =>
    Response.json({ cleared: await clearCompletedTasks(session) }, { headers: noStore }),
);
