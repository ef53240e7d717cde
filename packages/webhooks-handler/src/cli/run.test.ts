import { clerkEventTypes } from '@clerkship/internal';
import { describe, expect, it } from 'vitest';
import { createTestIo } from './__fixtures__/cli-io';
import { run } from './run';

describe('clerkship-webhooks', () => {
  it('list prints every Clerk webhook event type, one per line', async () => {
    const { io, output } = createTestIo();
    expect(await run(['list'], io)).toBe(0);
    const lines = output.stdout.trimEnd().split('\n');
    expect(lines).toEqual([...clerkEventTypes]);
    expect(lines).toHaveLength(47);
    expect(lines).toContain('session.pending');
    expect(lines).toContain('subscriptionItem.freeTrialEnding');
    expect(output.stderr).toBe('');
  });

  it.each([['--help'], ['-h'], ['help'], ['trigger', '--help'], ['list', '--help']])(
    '%s prints the usage and exits 0',
    async (...argv) => {
      const { io, output } = createTestIo();
      expect(await run(argv, io)).toBe(0);
      expect(output.stdout).toContain('Usage: clerkship-webhooks <command> [options]');
      expect(output.stdout).toContain('--out-of-order');
      expect(output.stderr).toBe('');
    },
  );

  it('without a command prints the usage on stderr and exits 2', async () => {
    const { io, output } = createTestIo();
    expect(await run([], io)).toBe(2);
    expect(output.stderr).toContain('Usage: clerkship-webhooks');
    expect(output.stdout).toBe('');
  });

  it('unknown_command: suggests the command you probably meant', async () => {
    const { io, output } = createTestIo();
    expect(await run(['trigr', 'user.created'], io)).toBe(2);
    expect(output.stderr).toBe(
      'clerkship-webhooks: unknown command "trigr". Did you mean "trigger"? Commands: list, trigger. Run `clerkship-webhooks --help` for usage.\n',
    );
  });

  it('unknown_command: an option where the command belongs', async () => {
    const { io, output } = createTestIo();
    expect(await run(['--url', 'http://localhost:3000'], io)).toBe(2);
    expect(output.stderr).toMatch(/^clerkship-webhooks: unknown command "--url"\. Commands: list, trigger\./);
  });

  it('invalid_option: an option the command does not have', async () => {
    const { io, output } = createTestIo();
    expect(await run(['list', '--json'], io)).toBe(2);
    expect(output.stderr).toBe(
      "clerkship-webhooks: unknown option '--json'. Run `clerkship-webhooks --help` for the options.\n",
    );
  });
});
