import { SignJWT } from 'jose';
import { TestingError } from './errors';
import { signingKeyOf, type TestKeys } from './keys';

/** Who a session token is for: what Clerk knows about the signed-in user when it mints the token. */
export interface Persona {
  /** Clerk user id (`sub`), e.g. `user_alice`. */
  userId: string;
  /** Session id (`sid`). Defaults to `sess_<userId without prefix>`, stable for a persona. */
  sessionId?: string;
  /** The active organization, if any. Omit it for a personal account. */
  organization?: PersonaOrganization;
  /** `pending` for a session with a task left to do (v2 `sts`); such sessions are treated as signed out. */
  status?: 'active' | 'pending';
  /** Custom claims from your session-token template, e.g. `{ metadata: { isBetaUser: true } }`. */
  claims?: Record<string, unknown>;
}

/** The active organization of a persona and the member's grants in it. */
export interface PersonaOrganization {
  id: string;
  slug?: string;
  /** Role key, with or without the `org:` prefix: `org:manager` or `manager`. */
  role: string;
  /**
   * Custom permission keys of the role, `org:<feature>:<action>`. System permissions (`org:sys_*`) are
   * never in a Clerk session token, so they are refused here.
   */
  permissions?: readonly string[];
}

/** How the token is minted. */
export interface SessionTokenOptions {
  /** Session-token claim version: 2 (Clerk's current default, compact `o` claim) or 1 (`org_*` claims). */
  version?: 1 | 2;
  /** `iss`: the Frontend API URL of the instance. */
  issuer?: string;
  /** `azp`: the origin the token was minted for. */
  authorizedParty?: string;
  /** When the token was issued; defaults to now. Use a past date to make an expired token. */
  issuedAt?: Date;
  /** Seconds from `iat` to `exp`. Clerk uses 60; local sessions without Clerk's browser script want longer. */
  lifetimeSeconds?: number;
}

const reservedClaims = new Set([
  'azp',
  'exp',
  'iat',
  'iss',
  'jti',
  'nbf',
  'sid',
  'sub',
  'v',
  'sts',
  'fva',
  'o',
  'fea',
  'pla',
]);
const reservedClaimsV1 = ['org_id', 'org_role', 'org_slug', 'org_permissions'];
const permissionPattern = /^org:([a-z0-9_-]+):([a-z0-9_-]+)$/i;

/**
 * Signs a Clerk session token for a persona with local test keys, in claim version 2 (default) or 1,
 * exactly as Clerk would mint it, so `@clerk/backend`'s `verifyToken`, `authenticateRequest` and
 * `has({ permission })` accept it when given `keys.jwtKey`.
 *
 * @example
 * const token = await createSessionToken(keys, {
 *   userId: 'user_bob',
 *   organization: { id: 'org_acme', role: 'org:member', permissions: ['org:tasks:view', 'org:tasks:edit'] },
 * });
 * await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
 *
 * @throws {TestingError} `invalid_persona`, `invalid_permission`, `invalid_token_options` or `invalid_keys`.
 */
export async function createSessionToken(
  keys: TestKeys,
  persona: Persona,
  options: SessionTokenOptions = {},
): Promise<string> {
  const signingKey = await signingKeyOf(keys);
  const { version = 2, lifetimeSeconds = 60 } = options;
  if (version !== 1 && version !== 2) {
    throw new TestingError('invalid_token_options', `version must be 1 or 2, got ${String(version)}.`);
  }
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds <= 0) {
    throw new TestingError(
      'invalid_token_options',
      'lifetimeSeconds must be a positive whole number of seconds.',
    );
  }
  if (typeof persona?.userId !== 'string' || !persona.userId) {
    throw new TestingError(
      'invalid_persona',
      'a persona needs a userId (the `sub` claim), e.g. `user_alice`.',
    );
  }
  const status = persona.status ?? 'active';
  if (version === 1 && status !== 'active') {
    throw new TestingError(
      'invalid_persona',
      'claim version 1 has no session status; use version 2 for a pending session.',
    );
  }

  const issuedAt = Math.floor((options.issuedAt?.getTime() ?? Date.now()) / 1000);
  const claims: Record<string, unknown> = {
    ...customClaims(persona.claims, version),
    azp: options.authorizedParty ?? 'http://localhost:3000',
    iss: options.issuer ?? 'https://clerk.clerkship.test',
    sid: persona.sessionId ?? `sess_${persona.userId.replace(/^user_/, '')}`,
    jti: crypto.randomUUID().replaceAll('-', '').slice(0, 20),
    // Clerk backdates `nbf` to absorb clock skew between its servers and yours.
    nbf: issuedAt - 10,
    ...(version === 2
      ? { v: 2, sts: status, fva: [0, -1], ...organizationClaimsV2(persona.organization) }
      : organizationClaimsV1(persona.organization)),
  };

  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT' })
    .setSubject(persona.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + lifetimeSeconds)
    .sign(signingKey);
}

function customClaims(claims: Record<string, unknown> | undefined, version: 1 | 2): Record<string, unknown> {
  if (!claims) return {};
  for (const name of Object.keys(claims)) {
    if (reservedClaims.has(name) || (version === 1 && reservedClaimsV1.includes(name))) {
      throw new TestingError(
        'invalid_persona',
        `custom claim "${name}" is reserved by Clerk. Set it through the persona (userId, sessionId, organization, status) instead.`,
      );
    }
  }
  return claims;
}

function normalizedRole(organization: PersonaOrganization): string {
  if (
    typeof organization.id !== 'string' ||
    !organization.id ||
    typeof organization.role !== 'string' ||
    !organization.role
  ) {
    throw new TestingError(
      'invalid_persona',
      'an organization needs an id (`org_...`) and a role (`org:member`).',
    );
  }
  return organization.role.replace(/^org:/, '');
}

function parsedPermissions(permissions: readonly string[] = []): Array<{ feature: string; action: string }> {
  return permissions.map((permission) => {
    const match = permissionPattern.exec(permission);
    if (!match) {
      throw new TestingError(
        'invalid_permission',
        `"${permission}" is not a permission key. Clerk permission keys read org:<feature>:<action>, e.g. org:tasks:edit.`,
      );
    }
    const [, feature = '', action = ''] = match;
    if (feature.startsWith('sys_')) {
      throw new TestingError(
        'invalid_permission',
        `"${permission}" is a system permission, and Clerk never puts system permissions in a session token. Leave it out.`,
      );
    }
    return { feature, action };
  });
}

function organizationClaimsV1(organization: PersonaOrganization | undefined): Record<string, unknown> {
  if (!organization) return {};
  const role = normalizedRole(organization);
  parsedPermissions(organization.permissions);
  return {
    org_id: organization.id,
    org_role: `org:${role}`,
    org_slug: organization.slug ?? organization.id,
    org_permissions: [...new Set(organization.permissions ?? [])],
  };
}

/**
 * Encodes permissions the way Clerk's v2 tokens carry them: `o.per` lists the distinct action names,
 * `fea` the organization's features, and `o.fpm` one decimal bitmask per feature in `fea` order, bit j
 * standing for the j-th entry of `per` (least significant bit first). BigInt keeps masks of more than
 * 53 actions exact, as Clerk's own decoder does.
 */
function organizationClaimsV2(organization: PersonaOrganization | undefined): Record<string, unknown> {
  if (!organization) return {};
  const role = normalizedRole(organization);
  const grants = parsedPermissions(organization.permissions);
  const actions = [...new Set(grants.map((grant) => grant.action))].sort();
  const features = [...new Set(grants.map((grant) => grant.feature))];
  const masks = features.map((feature) =>
    grants
      .filter((grant) => grant.feature === feature)
      .reduce((mask, grant) => mask | (1n << BigInt(actions.indexOf(grant.action))), 0n),
  );
  return {
    o: {
      id: organization.id,
      rol: role,
      slg: organization.slug ?? organization.id,
      ...(grants.length > 0 ? { per: actions.join(','), fpm: masks.join(',') } : {}),
    },
    ...(features.length > 0 ? { fea: features.map((feature) => `o:${feature}`).join(',') } : {}),
  };
}
