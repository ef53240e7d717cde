import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';

const staticDir = path.resolve(import.meta.dirname, '../.next/static');

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

it('ships no secret in any file the browser can download', async () => {
  // The local Ably key the build ran with (next.config.ts puts it in ABLY_API_KEY): its secret half.
  const ablyKey = await readFile(path.resolve(import.meta.dirname, '../.data/ably-local-key'), 'utf8');
  const ablySecret = ablyKey.trim().split(':')[1] ?? '';
  expect(ablySecret.length).toBeGreaterThan(20);
  const files = await filesUnder(staticDir);
  expect(files.length).toBeGreaterThan(0);
  const leaks: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    // Signing keys, Clerk and Stripe secret and restricted keys (real or the local placeholders),
    // webhook signing secrets (Clerk's and Stripe's), database URLs, the Ably secret.
    if (
      /PRIVATE KEY|(sk|rk)_(live|test)_[A-Za-z0-9]|whsec_[A-Za-z0-9+/]|postgres(ql)?:\/\//.test(text) ||
      text.includes(ablySecret)
    )
      leaks.push(path.relative(staticDir, file));
  }
  expect(leaks).toEqual([]);
});
