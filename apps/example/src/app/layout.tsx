import { ClerkProvider } from '@clerk/nextjs';
import { auth } from '@clerk/nextjs/server';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { access } from '@/lib/access';
import { AccessProvider } from '@/lib/access-client';
import { SessionBar } from './session-bar';
import './styles.css';

export const metadata: Metadata = {
  title: 'Team Tasks · Clerkship',
  description: "The Clerk guides' Team Tasks app, built from the @clerkship packages.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The server's view of the session for <Can> in client components: right from the first render,
  // and in local mode, where Clerk's browser SDK cannot load.
  const snapshot = access.snapshot(await auth());
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
              <a href="/chat">Chat</a>
            </nav>
            <SessionBar />
          </header>
          <main>
            <AccessProvider snapshot={snapshot}>{children}</AccessProvider>
          </main>
        </body>
      </html>
    </ClerkProvider>
  );
}
