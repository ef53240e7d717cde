import { guards } from '@/lib/guards';
import { insertTask, listTasks, parseTitle } from '@/lib/tasks';
import { betaGuards } from '@/lib/waitlist';

const noStore = { 'cache-control': 'no-store' };

/** The tasks of the caller's active workspace. */
export const GET = betaGuards.route(
  guards.route('org:tasks:view', async (_request, { session }) =>
    Response.json({ tasks: await listTasks(session.ownerId) }, { headers: noStore }),
  ),
);

/** Creates a task in the caller's active workspace: `{ "title": "..." }`. */
export const POST = betaGuards.route(
  guards.route('org:tasks:edit', async (request, { session }) => {
    const body: unknown = await request.json().catch(() => null);
    const title = parseTitle((body as { title?: unknown } | null)?.title);
    if (!title) {
      return Response.json(
        { error: 'invalid_request', message: 'Send { "title": "..." } with 1 to 200 characters.' },
        { status: 400, headers: noStore },
      );
    }
    const task = await insertTask({ ownerId: session.ownerId, createdById: session.userId, title });
    return Response.json({ task }, { status: 201, headers: noStore });
  }),
);
