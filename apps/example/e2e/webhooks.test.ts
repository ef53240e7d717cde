import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { createClerkEvent, createClerkWebhookRequest, createSessionToken } from '@clerkship/testing';
import { describe, expect, it } from 'vitest';
import type { access } from '../src/lib/access';
import { acme, personas } from '../src/local/personas';
import { useLocalApp } from './harness';

const context = useLocalApp();
const issuer = 'https://clerk.clerkship.test';
const hour = 3600_000;

type Role = keyof typeof access.definition.roles;

interface TeamResponse {
  organization: { id: string; name: string } | null;
  members: {
    userId: string;
    role: string;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
  }[];
}

/** Posts a signed delivery to the running app, as Clerk (through Svix) would. */
async function deliver(
  event: object,
  options: { id?: string; timestamp?: Date; tamper?: (body: string) => string } = {},
) {
  const { id, timestamp } = options;
  const request = await createClerkWebhookRequest(event, {
    secret: context.local.webhookSecret,
    id,
    timestamp,
  });
  const body = await request.text();
  const response = await fetch(`${context.local.app.url}/api/webhooks/clerk`, {
    method: 'POST',
    headers: request.headers,
    body: options.tamper ? options.tamper(body) : body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The Team API as a persona sees it (their active organization's mirrored members). */
async function teamAs(key: string): Promise<TeamResponse> {
  const persona = personas.find((candidate) => candidate.key === key);
  if (!persona) throw new Error(`no persona ${key}`);
  const token = await createSessionToken(context.local.keys, persona, { version: 2, issuer });
  const response = await fetch(`${context.local.app.url}/api/team`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as TeamResponse;
}

function membership(userId: string, role: Role, at: number, id = `orgmem_${userId}`) {
  const event = createClerkEvent('organizationMembership.created', {
    id,
    role,
    created_at: at,
    updated_at: at,
  });
  event.data.organization = { ...event.data.organization, id: acme.id, name: acme.name };
  event.data.public_user_data = { ...event.data.public_user_data, user_id: userId };
  return event;
}

describe('the Clerk mirror behind /api/webhooks/clerk', () => {
  const start = Date.now() - 10 * hour;

  it('mirrors the organization, its users and their memberships; the Team page reads them', async () => {
    const deliveries = [
      createClerkEvent('organization.created', { id: acme.id, name: acme.name, updated_at: start }),
      createClerkEvent('user.created', { id: 'user_local_alice', first_name: 'Alice', updated_at: start }),
      membership('user_local_alice', 'org:manager', start),
    ];
    for (const event of deliveries) expect((await deliver(event)).status).toBe(200);
    const team = await teamAs('alice');
    expect(team.organization).toEqual({ id: acme.id, name: 'Acme Inc' });
    expect(team.members).toEqual([
      {
        userId: 'user_local_alice',
        role: 'org:manager',
        firstName: 'Alice',
        lastName: 'Example',
        email: 'alice@example.com',
      },
    ]);
  });

  it('refuses a tampered delivery with 400 and writes nothing', async () => {
    const event = membership('user_mallory', 'org:manager', start + hour);
    const response = await deliver(event, { tamper: (body) => body.replace('user_mallory', 'user_eve') });
    expect(response).toMatchObject({ status: 400, body: { error: 'invalid_signature' } });
    expect((await teamAs('alice')).members.map((member) => member.userId)).toEqual(['user_local_alice']);
  });

  it('applies a redelivery once: the duplicate is acknowledged and changes nothing', async () => {
    const event = membership('user_local_charlie', 'org:viewer', start + hour);
    expect((await deliver(event, { id: 'msg_e2e_charlie' })).status).toBe(200);
    const again = await deliver(event, { id: 'msg_e2e_charlie' });
    expect(again).toMatchObject({ status: 200, body: { duplicate: true } });
    const charlie = (await teamAs('alice')).members.filter(
      (member) => member.userId === 'user_local_charlie',
    );
    expect(charlie).toHaveLength(1);
  });

  it('converges when an update arrives before the creation it follows', async () => {
    const created = createClerkEvent('user.created', {
      id: 'user_local_bob',
      first_name: 'Bob',
      updated_at: start,
    });
    const updated = createClerkEvent('user.updated', {
      id: 'user_local_bob',
      first_name: 'Robert',
      created_at: start,
      updated_at: start + 2 * hour,
    });
    expect((await deliver(updated)).status).toBe(200);
    expect((await deliver(created)).status).toBe(200);
    expect((await deliver(membership('user_local_bob', 'org:member', start))).status).toBe(200);
    const bob = (await teamAs('bob')).members.find((member) => member.userId === 'user_local_bob');
    expect(bob).toMatchObject({ firstName: 'Robert', role: 'org:member' });
  });

  it('a deleted membership stays deleted when an older update of it arrives late', async () => {
    const id = 'orgmem_e2e_temp';
    expect((await deliver(membership('user_temp', 'org:member', start, id))).status).toBe(200);
    const deleted = membership('user_temp', 'org:member', start + 3 * hour, id);
    expect((await deliver({ ...deleted, type: 'organizationMembership.deleted' })).status).toBe(200);
    const late = membership('user_temp', 'org:manager', start + hour, id);
    expect((await deliver({ ...late, type: 'organizationMembership.updated' })).status).toBe(200);
    expect((await teamAs('alice')).members.some((member) => member.userId === 'user_temp')).toBe(false);
  });

  it('the Team page lists the mirrored members', async () => {
    const alice = personas.find((candidate) => candidate.key === 'alice');
    if (!alice) throw new Error('no persona alice');
    const token = await createSessionToken(context.local.keys, alice, { version: 2, issuer });
    const page = await fetch(`${context.local.app.url}/team`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<h1>Team<!-- -->: Acme Inc</h1>');
    expect(html).toMatch(/data-user-id="user_local_bob"[^>]*>Robert Example/);
  });

  it("keeps workspaces apart: Erin (Globex) sees none of Acme's members", async () => {
    expect(await teamAs('erin')).toEqual({ organization: null, members: [] });
  });

  it('refuses a captured delivery replayed 10 minutes later', async () => {
    const event = membership('user_replayed', 'org:manager', start + hour);
    const response = await deliver(event, { timestamp: new Date(Date.now() - 10 * 60_000) });
    expect(response).toMatchObject({ status: 400, body: { error: 'timestamp_too_old' } });
    expect((await teamAs('alice')).members.some((member) => member.userId === 'user_replayed')).toBe(false);
  });

  it("takes the CLI's signed samples: a duplicate and an out-of-order pair, all answered 200", async () => {
    const packageJson = createRequire(import.meta.url).resolve('@clerkship/webhooks-handler/package.json');
    const cli = path.join(path.dirname(packageJson), 'dist/bin/clerkship-webhooks.js');
    const url = `${context.local.app.url}/api/webhooks/clerk`;
    const args = ['trigger', 'organization.updated', '--url', url, '--out-of-order', '--duplicates', '1'];
    const { stdout } = await promisify(execFile)(process.execPath, [cli, ...args], {
      env: { ...process.env, CLERK_WEBHOOK_SIGNING_SECRET: context.local.webhookSecret },
    });
    expect(stdout.match(/\b200\b/g)?.length).toBe(4);
  });
});
