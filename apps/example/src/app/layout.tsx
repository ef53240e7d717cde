import { ClerkProvider } from '@clerk/nextjs';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SessionBar } from './session-bar';
import './styles.css';

export const metadata: Metadata = {
  title: 'Team Tasks · Clerkship',
  description: "The Clerk guides' Team Tasks app, built from the @clerkship packages.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <ClerkProvider>
      <html lang="en">
        <body>
          <header className="bar">
            <a className="brand" href="/">
              Team Tasks
            </a>
            <SessionBar />
          </header>
          <main>{children}</main>
        </body>
      </html>
    </ClerkProvider>
  );
}
