import type { CliIo } from '../cli-io';

/** A CliIo whose output is kept for assertions; fetch is the real one unless replaced. */
export function createTestIo(overrides: Partial<CliIo> = {}) {
  const output = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
    env: {},
    fetch,
    ...overrides,
  };
  return { io, output };
}
