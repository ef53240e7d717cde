/** The parts of a Clerk user as JSON (Backend API response, webhook payload) that name its email addresses. */
export interface UserEmailsJSON {
  email_addresses?: readonly { id: string; email_address: string }[] | null;
  primary_email_address_id?: string | null;
}

/** The same parts on `@clerk/backend`'s `User` object. */
export interface UserEmails {
  emailAddresses?: readonly { id: string; emailAddress: string }[] | null;
  primaryEmailAddressId?: string | null;
}

/** The user's primary email address, or `null` when there is none (a phone-only or OAuth-only user). */
export function primaryEmailAddress(user: UserEmailsJSON | UserEmails): string | null {
  if ('emailAddresses' in user || 'primaryEmailAddressId' in user) {
    const { primaryEmailAddressId: id, emailAddresses } = user as UserEmails;
    return (id && emailAddresses?.find((address) => address.id === id)?.emailAddress) || null;
  }
  const { primary_email_address_id: id, email_addresses } = user as UserEmailsJSON;
  return (id && email_addresses?.find((address) => address.id === id)?.email_address) || null;
}
