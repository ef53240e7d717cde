import { localOrganizations, personaByUserId } from './personas';

interface AuthState {
  isAuthenticated: boolean;
  userId: string | null;
  sessionId?: string | null;
  orgId?: string | null;
  orgSlug?: string | null;
  orgRole?: string | null;
  orgPermissions?: string[] | null;
  sessionClaims?: Record<string, unknown> | null;
}

/** What the app shows about a session: read from the verified claims, no Backend API call. */
export interface SessionView {
  userId: string;
  sessionId: string | null;
  name: string;
  workspace: string;
  organization: {
    id: string;
    slug: string | null;
    name: string;
    role: string | null;
    permissions: string[];
  } | null;
}

export function describeSession(state: AuthState): SessionView | null {
  if (!state.isAuthenticated || !state.userId) return null;
  const claimedName = state.sessionClaims?.name;
  const name =
    typeof claimedName === 'string' ? claimedName : (personaByUserId(state.userId)?.name ?? state.userId);
  const organization = state.orgId
    ? {
        id: state.orgId,
        slug: state.orgSlug ?? null,
        name: localOrganizations.find((org) => org.id === state.orgId)?.name ?? state.orgSlug ?? state.orgId,
        role: state.orgRole ?? null,
        permissions: [...(state.orgPermissions ?? [])].sort(),
      }
    : null;
  return {
    userId: state.userId,
    sessionId: state.sessionId ?? null,
    name,
    workspace: organization ? `${organization.name} (${organization.role ?? 'no role'})` : 'Personal account',
    organization,
  };
}
