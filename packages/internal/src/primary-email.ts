/** The parts of a Clerk user (Backend API JSON or webhook payload) that name its email addresses. */
export interface UserEmailsJSON {
  email_addresses?: readonly { id: string; email_address: string }[] | null;
  primary_email_address_id?: string | null;
}

/** The user's primary email address, or `null` when there is none (a phone-only or OAuth-only user). */
export function primaryEmailAddress(user: UserEmailsJSON): string | null {
  const id = user.primary_email_address_id;
  if (!id) return null;
  return user.email_addresses?.find((address) => address.id === id)?.email_address ?? null;
}
