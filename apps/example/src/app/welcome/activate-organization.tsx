'use client';

import { useClerk } from '@clerk/nextjs';
import { useRouter } from 'next/navigation';
import { useEffect, useTransition } from 'react';

/**
 * Makes the organization the sign-up created active, then opens Billing. The organization was created
 * on the server, so the session has it active only once the client says so: Clerk's
 * `setActive({ organization })`, or in local mode the server action that re-mints the local session.
 */
export function ActivateOrganization({
  organizationId,
  activateLocally,
}: {
  organizationId: string;
  activateLocally?: (organizationId: string) => Promise<void>;
}) {
  const clerk = useClerk();
  const router = useRouter();
  const [, startTransition] = useTransition();
  useEffect(() => {
    if (activateLocally) {
      // The action redirects to /billing once the new session cookie is set.
      startTransition(() => activateLocally(organizationId));
      return;
    }
    void clerk.setActive({ organization: organizationId }).then(() => router.push('/billing'));
  }, [activateLocally, clerk, organizationId, router]);
  return <p data-testid="activating">Your subscription is ready. Opening Billing…</p>;
}
