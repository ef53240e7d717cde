import { auth as clerkAuth } from '@clerk/nextjs/server';
import { redirect } from 'next/navigation';
import type { Waitlist, WaitlistInspection, WaitlistSubject } from '../create-waitlist';
import { WaitlistError } from '../errors';

/** Where the guards send people. */
export interface WaitlistGuardOptions {
  /** Default `/waitlist`. */
  waitlistUrl?: string;
  /** Default `/sign-in`. */
  signInUrl?: string;
  /** Reads the session; default Clerk's `auth()`. */
  auth?: () => Promise<WaitlistSubject>;
}

const warned = new WeakSet<Waitlist>();

function warnOnce(waitlist: Waitlist, inspection: WaitlistInspection): void {
  if (!inspection.problem || warned.has(waitlist)) return;
  warned.add(waitlist);
  console.warn(
    `@clerkship/waitlist: the session token has no "${waitlist.options.claim}" claim${inspection.problem === 'claim_malformed' ? ' object' : ''}, so every user reads as waitlisted. ` +
      `In the Clerk dashboard, Sessions → Customize session token, add: ${waitlist.sessionTokenTemplate}`,
  );
}

/**
 * Guards for pages, server actions and route handlers: only approved users (and admins) get through.
 * Put one in every page, action and handler; a proxy redirect alone is not enough (Clerk Core 3).
 *
 * @example
 * const guards = createWaitlistGuards(waitlist);
 * export default async function Dashboard() {
 *   const { userId } = await guards.page();
 * }
 */
export function createWaitlistGuards(waitlist: Waitlist, options: WaitlistGuardOptions = {}) {
  const readAuth = options.auth ?? (clerkAuth as unknown as () => Promise<WaitlistSubject>);

  async function check(): Promise<WaitlistInspection> {
    const inspection = waitlist.inspect(await readAuth());
    warnOnce(waitlist, inspection);
    return inspection;
  }

  function refusal(inspection: WaitlistInspection): WaitlistError | null {
    if (inspection.status === 'signed-out') return new WaitlistError('unauthenticated', 'sign in first.');
    if (inspection.status === 'waitlisted')
      return new WaitlistError(
        'waitlisted',
        'you are on the waitlist; access opens when an admin approves you.',
      );
    return null;
  }

  return {
    /** Pages: signed out → sign-in; waitlisted → the waitlist page. */
    async page(): Promise<WaitlistInspection & { userId: string }> {
      const inspection = await check();
      if (inspection.status === 'signed-out') redirect(options.signInUrl ?? '/sign-in');
      if (inspection.status === 'waitlisted') redirect(options.waitlistUrl ?? '/waitlist');
      return inspection as WaitlistInspection & { userId: string };
    },
    /**
     * Server actions.
     *
     * @throws {WaitlistError} `unauthenticated` (401) or `waitlisted` (403); nothing has changed.
     */
    async action(): Promise<WaitlistInspection & { userId: string }> {
      const inspection = await check();
      const error = refusal(inspection);
      if (error) throw error;
      return inspection as WaitlistInspection & { userId: string };
    },
    /** Route handlers: 401 / 403 JSON with a reason, else the handler. */
    route<C>(handler: (request: Request, context: C) => Response | Promise<Response>) {
      return async (request: Request, context: C): Promise<Response> => {
        const error = refusal(await check());
        if (!error) return handler(request, context);
        return Response.json(
          { error: error.code, message: error.message },
          { status: error.status, headers: { 'cache-control': 'no-store' } },
        );
      };
    },
  };
}
