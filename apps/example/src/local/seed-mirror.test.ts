import { afterEach, describe, expect, it } from 'vitest';
import { ownOrigin } from './seed-mirror';

describe('ownOrigin: where local mode sends its signed sample webhooks', () => {
  const host = process.env.HOST;
  afterEach(() => {
    if (host === undefined) delete process.env.HOST;
    else process.env.HOST = host;
  });

  it.each([
    ['127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['localhost:4123', 'http://localhost:4123'],
    ['[::1]:3000', 'http://[::1]:3000'],
  ])('sends to %s, this machine', (value, origin) => {
    expect(ownOrigin(value)).toBe(origin);
  });

  it('sends to the address the server listens on (HOST)', () => {
    process.env.HOST = '10.0.0.7';
    expect(ownOrigin('10.0.0.7:3000')).toBe('http://10.0.0.7:3000');
  });

  it.each([
    'attacker.example',
    'attacker.example:443',
    '127.0.0.1.attacker.example',
    '127.0.0.1@attacker.example',
    '127.0.0.1:3000/path',
    'localhost#@attacker.example',
    '',
  ])('sends nothing to a forged Host %j', (value) => {
    delete process.env.HOST;
    expect(ownOrigin(value)).toBeNull();
  });
});
