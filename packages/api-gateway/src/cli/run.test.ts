import { describe, expect, it } from 'vitest';
import { bob, instance } from '../__fixtures__/clerk';
import { tokenFor } from '../__fixtures__/tokens';
import { run } from './run';

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
      readStdin: async () => stdin,
    },
  };
}

const flags = ['--issuer', instance.issuer, '--audience', 'ClerkJwtAuthorizer'];

describe('clerkship-api-gateway check-token', () => {
  it('exit 0 for a token with the aud, read from stdin', async () => {
    const token = await tokenFor({ ...bob, claims: { aud: 'ClerkJwtAuthorizer' } });
    const cli = io(`${token}\n`);
    expect(await run(['check-token', ...flags], cli.io)).toBe(0);
    expect(cli.out.join('')).toContain('passes');
  });

  it("exit 1 for Clerk's default token, printing the template to add", async () => {
    const cli = io();
    expect(await run(['check-token', ...flags, await tokenFor(bob)], cli.io)).toBe(1);
    expect(cli.out.join('')).toContain('missing_audience');
    expect(cli.out.join('')).toContain('"aud": "ClerkJwtAuthorizer"');
  });

  it('exit 2 for bad usage', async () => {
    for (const argv of [
      ['check-token', '--issuer', instance.issuer, 'x'],
      ['verify'],
      ['check-token', '--nope'],
      ['check-token', ...flags],
    ]) {
      const cli = io();
      expect(await run(argv, cli.io)).toBe(2);
      expect(cli.err.join('')).toMatch(/^clerkship-api-gateway: /);
    }
  });

  it('--help prints the usage', async () => {
    const cli = io();
    expect(await run(['--help'], cli.io)).toBe(0);
    expect(cli.out.join('')).toContain('Usage: clerkship-api-gateway check-token');
  });
});
