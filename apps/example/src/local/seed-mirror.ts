import { createClerkEvent, createClerkWebhookRequest } from '@clerkship/testing';
import { localOrganizations, personas } from './personas';

// Long before anything a test or a person sends, so that any real delivery wins over the seed.
const seededAt = Date.UTC(2026, 0, 1);
const holder = globalThis as typeof globalThis & { clerkshipMirrorSeeded?: Promise<void> };

/** The sample deliveries: the personas' users, the two organizations and their memberships. */
function seedEvents() {
  const organizations = localOrganizations.map((organization) =>
    createClerkEvent('organization.created', {
      id: organization.id,
      name: organization.name,
      created_at: seededAt,
      updated_at: seededAt,
    }),
  );
  const users = personas.map((persona) =>
    createClerkEvent('user.created', {
      id: persona.userId,
      first_name: persona.name,
      last_name: null,
      created_at: seededAt,
      updated_at: seededAt,
    }),
  );
  const memberships = personas.flatMap((persona) => {
    if (!persona.organization) return [];
    const event = createClerkEvent('organizationMembership.created', {
      id: `orgmem_seed_${persona.key}`,
      created_at: seededAt,
      updated_at: seededAt,
    });
    const organization = localOrganizations.find((candidate) => candidate.id === persona.organization?.id);
    event.data.organization = {
      ...event.data.organization,
      id: persona.organization.id,
      name: organization?.name ?? '',
    };
    event.data.public_user_data = { ...event.data.public_user_data, user_id: persona.userId };
    event.data.role = persona.organization.role as typeof event.data.role;
    return [event];
  });
  return [...organizations, ...users, ...memberships];
}

async function send(origin: string, secret: string): Promise<void> {
  for (const [index, event] of seedEvents().entries()) {
    // Stable delivery ids: a second seeding (another server process) is acknowledged as a duplicate.
    const request = await createClerkWebhookRequest(event, { secret, id: `msg_local_seed_${index}` });
    const response = await fetch(`${origin}/api/webhooks/clerk`, {
      method: 'POST',
      headers: request.headers,
      body: await request.text(),
    });
    if (!response.ok) throw new Error(`example: seeding the mirror failed with ${response.status}.`);
  }
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * This server's origin from the request's `Host`, when it names this machine (loopback, or the `HOST`
 * the server listens on); `null` otherwise: a forged `Host` never receives signed deliveries.
 */
export function ownOrigin(host: string): string | null {
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return null;
  }
  if (url.host !== host.toLowerCase() || url.pathname !== '/') return null;
  return loopback.has(url.hostname) || url.hostname === process.env.HOST ? url.origin : null;
}

/**
 * Local mode's Team page shows the personas' organization: after the first sign-in has answered, the
 * server sends signed sample webhooks through its own `/api/webhooks/clerk` (the path the CLI uses), so
 * the mirror is filled by the same verification, dedupe and writes as Clerk's deliveries.
 */
export async function seedMirror(host: string | null): Promise<void> {
  const secret = process.env.CLERK_WEBHOOK_SIGNING_SECRET;
  const origin = host ? ownOrigin(host) : null;
  if (!secret || !origin) return;
  holder.clerkshipMirrorSeeded ??= send(origin, secret).catch((error: unknown) => {
    holder.clerkshipMirrorSeeded = undefined;
    console.error(error);
  });
  await holder.clerkshipMirrorSeeded;
}
