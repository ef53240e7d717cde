import { ClerkProvider } from '@clerk/nextjs';
import { auth } from '@clerk/nextjs/server';
import { PostHogIdentify } from '@clerkship/posthog-identify/next/client';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { access } from '@/lib/access';
import { AccessProvider } from '@/lib/access-client';
import { describeSession } from '@/lib/session';
import { waitlist } from '@/lib/waitlist';
import { SessionBar } from './session-bar';
import './styles.css';

export const metadata: Metadata = {
  title: 'Team Tasks · Clerkship',
  description: "The Clerk guides' Team Tasks app, built from the @clerkship packages.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The server's view of the session for <Can> in client components: right from the first render,
  // and in local mode, where Clerk's browser SDK cannot load.
  const session = await auth();
  const snapshot = access.snapshot(session);
  const view = describeSession(session);
  return (
    // `dynamic`: pages render with the request's auth state (they all read the session anyway).
    <ClerkProvider dynamic>
      <html lang="en">
        <body>
          <header className="bar">
            <nav>
              <a className="brand" href="/">
                Team Tasks
              </a>
              <a href="/team">Team</a>
              <a href="/chat">Chat</a>
              {view ? <a href="/connections">Connections</a> : null}
              {view?.organization ? (
                <a href="/billing" data-testid="nav-billing">
                  Billing
                </a>
              ) : null}
              {waitlist.statusOf(session) === 'admin' ? (
                <a href="/admin" data-testid="nav-admin">
                  Admin
                </a>
              ) : null}
            </nav>
            <SessionBar session={view} />
          </header>
          {/* The server's view of the session, so identify does not depend on Clerk's browser SDK. */}
          <PostHogIdentify
            session={{ userId: view?.userId ?? null, orgId: view?.organization?.id ?? null }}
            person={view ? { name: view.name } : undefined}
            organization={view?.organization ? { name: view.organization.name } : undefined}
          />
          <main>
            <AccessProvider snapshot={snapshot}>{children}</AccessProvider>
          </main>
        </body>
      </html>
    </ClerkProvider>
  );
}
