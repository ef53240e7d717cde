import type { NextConfig } from 'next';
import { configureLocalMode } from './src/local/mode';

export default async function config(phase: string): Promise<NextConfig> {
  await configureLocalMode(phase);
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    // PostHog's SDK posts to /ingest/e/ with a trailing slash; no redirect in between.
    skipTrailingSlashRedirect: true,
    // PGlite loads its WebAssembly and data files from its own package folder at run time.
    serverExternalPackages: ['@electric-sql/pglite'],
  };
}
