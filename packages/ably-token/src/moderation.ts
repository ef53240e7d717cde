/** The fields of an Ably message this check reads. */
export interface AblyMessageLike {
  /** The publisher's (or, for an update/delete, the actor's) trusted client id. */
  clientId?: string | null;
  /** `extras.userClaim`: the server-signed channel claim Ably attached from the actor's token. */
  extras?: { userClaim?: string | null } | null;
}

/** How to read a moderator out of a user claim. */
export interface ModerationOptions {
  /** Whether a parsed user claim marks a moderator. Default: `claim.moderator === true`. */
  isModerator?: (claim: unknown) => boolean;
}

function parsedClaim(message: AblyMessageLike): unknown {
  const claim = message.extras?.userClaim;
  if (typeof claim !== 'string') return undefined;
  try {
    return JSON.parse(claim);
  } catch {
    return undefined;
  }
}

/**
 * Whether `modification` (a delete or edit, as received) may change `original`: the same identified
 * client published it, or the actor's server-signed claim says moderator. Both fields come from Ably
 * (clients cannot forge `clientId` or `userClaim`), so every subscriber decides the same way. Works
 * for the old "message interactions" pattern and as a client-side mirror of Ably's
 * `message-delete-own` / `message-delete-any` capabilities.
 *
 * @example
 * channel.subscribe('delete', (event) => {
 *   const original = messages.get(event.extras?.ref?.timeserial);
 *   if (original && canModifyMessage(original, event)) remove(original);
 * });
 */
export function canModifyMessage(
  original: AblyMessageLike,
  modification: AblyMessageLike,
  options: ModerationOptions = {},
): boolean {
  const actor = modification.clientId;
  if (typeof actor !== 'string' || !actor || actor === '*') return false;
  if (typeof original.clientId === 'string' && original.clientId === actor) return true;
  const claim = parsedClaim(modification);
  const isModerator =
    options.isModerator ??
    ((value: unknown) => (value as { moderator?: unknown } | null)?.moderator === true);
  return claim !== undefined && isModerator(claim);
}
