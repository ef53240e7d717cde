/** The parts of a Clerk user (client `UserResource` or Backend `User`) used for person properties. */
export interface ClerkUserLike {
  primaryEmailAddress?: { emailAddress?: string | null } | null;
  username?: string | null;
  fullName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/**
 * The default person properties: email, username and name, and nothing else (no metadata, no phone).
 * Pass your own function to send more or less.
 *
 * @example
 * defaultPersonProperties(user); // { email: 'alice@example.com', username: 'alice', name: 'Alice Example' }
 */
export function defaultPersonProperties(
  user: ClerkUserLike | null | undefined,
): Record<string, string> | undefined {
  if (!user) return undefined;
  const name = user.fullName ?? ([user.firstName, user.lastName].filter(Boolean).join(' ') || null);
  const properties: Record<string, string> = {};
  const email = user.primaryEmailAddress?.emailAddress;
  if (email) properties.email = email;
  if (user.username) properties.username = user.username;
  if (name) properties.name = name;
  return properties;
}
