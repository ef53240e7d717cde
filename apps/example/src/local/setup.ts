// `node src/local/setup.ts`: run by the example's `dev` and `build` scripts before Next starts, so that
// next.config only reads. Does nothing when Clerk keys are configured (connected mode).
import { dataDir, prepareLocalMode } from './files.ts';

if (process.env.CLERK_SECRET_KEY && process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY) {
  process.stdout.write('example: Clerk keys found, connected mode.\n');
} else {
  await prepareLocalMode();
  process.stdout.write(
    `example: local mode (no Clerk keys): personas, local keys in ${dataDir()}, fakes for Clerk's Backend API and Ably. ` +
      'The server listens on 127.0.0.1 only: anyone who reaches it can sign in as anyone. Set HOST to change that.\n',
  );
}
