import { createSessionToken } from '@clerkship/testing';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { personas } from '../src/local/personas';
import { signInAs, useLocalApp } from './harness';

const issuer = 'https://clerk.clerkship.test';
const context = useLocalApp();

async function ablyTokenFor(key: string) {
  const persona = personas.find((candidate) => candidate.key === key);
  if (!persona) throw new Error(`no persona ${key}`);
  const session = await createSessionToken(context.local.keys, persona, { issuer });
  return fetch(`${context.local.app.url}/api/ably`, { headers: { authorization: `Bearer ${session}` } });
}

async function verified(response: Response) {
  const [keyName = '', secret = ''] = context.local.ablyApiKey.split(':');
  const token = await response.text();
  expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', kid: keyName });
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret));
  const capability = JSON.parse(payload['x-ably-capability'] as string) as Record<string, string[]>;
  return { ...payload, capability } as Record<string, unknown> & {
    iat: number;
    exp: number;
    capability: Record<string, string[]>;
  };
}

describe('/api/ably, the authUrl of the chat', () => {
  it('answers 401 JSON to a signed-out visitor', async () => {
    const response = await fetch(`${context.local.app.url}/api/ably`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'signed_out' });
  });

  it('gives Bob (member) a JWT to chat in his workspace, announcements read-only', async () => {
    const response = await ablyTokenFor('bob');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/jwt');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const token = await verified(response);
    expect(token['x-ably-clientId']).toBe('user_local_bob');
    expect(token.capability).toEqual({
      'chat:org_local_acme:general': ['history', 'message-delete-own', 'presence', 'publish', 'subscribe'],
      'chat:org_local_acme:random': ['history', 'message-delete-own', 'presence', 'publish', 'subscribe'],
      'chat:org_local_acme:announcements': ['history', 'presence', 'subscribe'],
    });
    expect(token['ably.channel.chat:org_local_acme:*']).toBe('{"moderator":false}');
    expect((token.exp ?? 0) - (token.iat ?? 0)).toBe(3600);
  });

  it("gives Alice (manager) everything in Acme's channels and marks her a moderator", async () => {
    const token = await verified(await ablyTokenFor('alice'));
    expect(token.capability['chat:org_local_acme:*']).toEqual(['*']);
    expect(token['ably.channel.chat:org_local_acme:*']).toBe('{"moderator":true}');
    expect(Object.keys(token.capability).every((channel) => channel.startsWith('chat:org_local_acme:'))).toBe(
      true,
    );
  });

  it("keeps Erin (Globex) out of Acme's channels", async () => {
    const token = await verified(await ablyTokenFor('erin'));
    expect(Object.keys(token.capability)).toEqual(['chat:org_local_globex:*']);
  });
});

describe('the chat page', () => {
  it('shows Charlie the announcements channel as locked and the capability he would get', async () => {
    const page = await signInAs(context, 'Charlie', '/chat');
    expect(await page.getByTestId('channel-announcements').getAttribute('data-locked')).toBe('true');
    expect(await page.getByTestId('channel-general').getAttribute('data-locked')).toBe('false');
    expect(JSON.parse((await page.getByTestId('capability').textContent()) ?? '{}')).toHaveProperty(
      'chat:org_local_acme:announcements',
    );
    await page.close();
  });

  it('opens every channel to Alice', async () => {
    const page = await signInAs(context, 'Alice', '/chat');
    expect(await page.getByTestId('channel-announcements').getAttribute('data-locked')).toBe('false');
    await page.close();
  });
});
