/** An environment variable where the runtime has `process.env` (Node, Next.js edge, Vercel, Bun, Deno). */
export function environmentVariable(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[
    name
  ];
  return value?.trim() ? value : undefined;
}
