import { useAuth } from '@clerk/nextjs';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';

/** How the waitlist page checks for an approval. */
export interface WaitlistRefreshOptions {
  /** How often, in milliseconds. Default 10 000. */
  intervalMs?: number;
  /**
   * Gets a fresh session token. Default: Clerk's `getToken({ skipCache: true })`, which picks up
   * metadata changed since the last token (tokens otherwise lag up to 60 s).
   */
  refresh?: () => Promise<unknown>;
}

/**
 * For the waitlist page: every few seconds, refresh the session token and re-render the page on the
 * server, whose guard sends the user on as soon as the new token says approved.
 *
 * @example
 * 'use client';
 * export function WaitingRoom() {
 *   useWaitlistRefresh();
 *   return <p>You are on the list. This page moves on by itself once you are approved.</p>;
 * }
 */
export function useWaitlistRefresh(options: WaitlistRefreshOptions = {}): void {
  const { getToken } = useAuth();
  const router = useRouter();
  const refresh = useRef(options.refresh);
  refresh.current = options.refresh;
  const intervalMs = options.intervalMs ?? 10_000;

  useEffect(() => {
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await (refresh.current ?? (() => getToken({ skipCache: true })))();
        router.refresh();
      } catch {
        // A failed refresh is retried on the next tick.
      } finally {
        running = false;
      }
    }, intervalMs);
    return () => clearInterval(timer);
  }, [getToken, router, intervalMs]);
}
