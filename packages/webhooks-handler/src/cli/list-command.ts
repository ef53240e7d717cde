import { clerkEventTypes } from '@clerkship/internal';
import type { CliIo } from './cli-io';

/** `clerkship-webhooks list`: every event type, one per line, for grep and shell completion. */
export function listCommand(io: CliIo): number {
  io.stdout.write(`${clerkEventTypes.join('\n')}\n`);
  return 0;
}
