'use client';

import { useWaitlistRefresh } from '@clerkship/waitlist/next/client';

/** Checks for an approval every few seconds; the page's guard moves the user on once the token says so. */
export function WaitingRoom({ refresh }: { refresh?: () => Promise<void> }) {
  useWaitlistRefresh({ intervalMs: 3000, ...(refresh ? { refresh } : {}) });
  return (
    <p data-testid="waiting">
      This page checks every few seconds and takes you in as soon as an admin approves you.
    </p>
  );
}
