/** Somewhere text can be written: `process.stdout`, or a buffer in tests. */
export interface OutputStream {
  write(text: string): unknown;
}

/** Everything the CLI touches outside itself, so tests can hand it their own. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Where the signing secret is looked up when `--secret` is not given. */
  env: Readonly<Record<string, string | undefined>>;
  fetch: typeof fetch;
  /** How long one delivery may take before it counts as failed. Svix gives up after 15 s. */
  timeoutMs?: number;
}
