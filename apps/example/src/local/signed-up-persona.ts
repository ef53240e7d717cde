import type { Persona } from '@clerkship/testing';
import type { ClerkApiFake } from '@clerkship/testing/clerk-api';
import { access } from '@/lib/access';

/**
 * A user who signed up in local mode, as Clerk would put them in a session token: their name, and the
 * active organization's id, slug, role and the role's permissions (the app's own `access` definition),
 * read from the local Backend API. `undefined` for an unknown user; no organization when not a member.
 */
export function signedUpPersona(
  backendApi: ClerkApiFake,
  userId: string,
  orgId: string | null,
): Persona | undefined {
  const user = backendApi.users.get(userId);
  if (!user) return undefined;
  const membership = orgId ? backendApi.membershipOf(orgId, userId) : undefined;
  const roles: Record<string, readonly string[] | undefined> = access.definition.roles;
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || userId;
  if (!membership) return { userId, claims: { name } };
  const { organization, role } = membership;
  return {
    userId,
    organization: { id: organization.id, slug: organization.slug, role, permissions: roles[role] ?? [] },
    claims: { name, org_name: organization.name },
  };
}
