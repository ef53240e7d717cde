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
  // Custom claims of the session-token template (see the README): no Backend API call to show them.
  const claims = state.sessionClaims ?? {};
  const name = typeof claims.name === 'string' && claims.name ? claims.name : state.userId;
  const orgName = typeof claims.org_name === 'string' && claims.org_name ? claims.org_name : null;
  const organization = state.orgId
    ? {
        id: state.orgId,
        slug: state.orgSlug ?? null,
        name: orgName ?? state.orgSlug ?? state.orgId,
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
