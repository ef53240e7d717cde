import type { Persona } from '@clerkship/testing';
import { access } from '@/lib/access';

/** The organization every local-mode organization persona belongs to. */
export const acme = { id: 'org_local_acme', slug: 'acme', name: 'Acme Inc' } as const;
/** A second organization, to show that tenants never see each other's data. */
export const globex = { id: 'org_local_globex', slug: 'globex', name: 'Globex' } as const;

/** A member's role and the permissions Clerk would put in its token: the app's own definition. */
function member(role: keyof typeof access.definition.roles) {
  return { role, permissions: access.definition.roles[role] };
}

export interface LocalPersona extends Persona {
  key: string;
  name: string;
  description: string;
  /** Public metadata the local Backend API starts with; the session token's `metadata` claim reads it. */
  publicMetadata: Record<string, unknown>;
}

/**
 * Who you can be in local mode. Roles and permissions follow the team task manager guide: managers
 * manage all tasks, members edit their own, viewers only look.
 */
export const personas: readonly LocalPersona[] = [
  {
    key: 'alice',
    name: 'Alice',
    description: 'Manager of Acme Inc',
    userId: 'user_local_alice',
    organization: { ...acme, ...member('org:manager') },
  },
  {
    key: 'bob',
    name: 'Bob',
    description: 'Member of Acme Inc',
    userId: 'user_local_bob',
    organization: { ...acme, ...member('org:member') },
  },
  {
    key: 'charlie',
    name: 'Charlie',
    description: 'Viewer in Acme Inc',
    userId: 'user_local_charlie',
    organization: { ...acme, ...member('org:viewer') },
  },
  {
    key: 'erin',
    name: 'Erin',
    description: 'Manager of Globex',
    userId: 'user_local_erin',
    organization: { ...globex, ...member('org:manager') },
  },
  {
    key: 'dana',
    name: 'Dana',
    description: 'Personal account, no organization',
    userId: 'user_local_dana',
  },
  {
    key: 'wendy',
    name: 'Wendy',
    description: 'On the beta waitlist',
    userId: 'user_local_wendy',
    publicMetadata: {},
  },
  {
    key: 'adam',
    name: 'Adam',
    description: 'Waitlist admin',
    userId: 'user_local_adam',
    publicMetadata: { isBetaUser: true, isAdmin: true },
  },
].map(({ publicMetadata = { isBetaUser: true }, ...persona }) => ({
  ...persona,
  publicMetadata,
  // The session-token template: { "name": "{{user.first_name}}", "org_name": "{{org.name}}",
  // "metadata": "{{user.public_metadata}}" } (the last one is the waitlist guide's).
  claims: {
    name: persona.name,
    metadata: publicMetadata,
    ...('organization' in persona && persona.organization ? { org_name: persona.organization.name } : {}),
  },
}));

/** Display names of the local organizations (connected mode shows the slug). */
export const localOrganizations: readonly { id: string; slug: string; name: string }[] = [acme, globex];

export function personaByUserId(userId: string | null | undefined): LocalPersona | undefined {
  return personas.find((persona) => persona.userId === userId);
}
