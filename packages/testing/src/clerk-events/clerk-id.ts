const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A Clerk-style object id: prefix, underscore, 27 base-62 characters (`org_2g7np7Hrk0SN6kj5EDMLDaKNL0S`).
 *
 * @example
 * const orgId = createClerkId('org');
 * const event = createClerkEvent('organization.created', { id: orgId });
 */
export function createClerkId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(27));
  return `${prefix}_${Array.from(bytes, (byte) => base62[byte % 62]).join('')}`;
}
