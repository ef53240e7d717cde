import path from 'node:path';
import { createSessionToken } from '@clerkship/testing';
import { describe, expect, it } from 'vitest';
import { personas } from '../src/local/personas';
import { signInAs, useLocalApp } from './harness';

const artifacts = path.resolve(import.meta.dirname, '../test-results');
const issuer = 'https://clerk.clerkship.test';

const context = useLocalApp();

interface Task {
  id: string;
  title: string;
  tenantId: string;
  createdById: string;
  completedAt: string | null;
}

function persona(key: string) {
  const found = personas.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no persona ${key}`);
  return found;
}

/** An API client for one persona, with a session token of the given claim version. */
function as(key: string, version: 1 | 2) {
  async function call(method: string, url: string, body?: unknown) {
    const token = await createSessionToken(context.local.keys, persona(key), { version, issuer });
    const response = await fetch(`${context.local.app.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
  return {
    list: async () => (await call('GET', '/api/tasks')).body?.tasks as Task[] | undefined,
    listStatus: async () => (await call('GET', '/api/tasks')).status,
    create: (title: string) => call('POST', '/api/tasks', { title }),
    update: (id: string, patch: object) => call('PATCH', `/api/tasks/${id}`, patch),
    remove: (id: string) => call('DELETE', `/api/tasks/${id}`),
  };
}

describe.each([1, 2] as const)('Team Tasks through the API, claim version %i tokens', (version) => {
  const alice = as('alice', version);
  const bob = as('bob', version);
  const charlie = as('charlie', version);
  const dana = as('dana', version);
  const erin = as('erin', version);

  it('Charlie (viewer) sees tasks but cannot create or edit them', async () => {
    const { body } = await alice.create(`Alice's plan v${version}`);
    const tasks = await charlie.list();
    expect(tasks?.map((task) => task.id)).toContain(body.task.id);
    expect((await charlie.create('Sneaky')).status).toBe(403);
    expect((await charlie.update(body.task.id, { completed: true })).status).toBe(403);
    expect((await charlie.remove(body.task.id)).status).toBe(403);
  });

  it("Bob (member) creates tasks and edits his own, not Alice's", async () => {
    const mine = await bob.create(`Bob's chore v${version}`);
    expect(mine.status).toBe(201);
    expect(mine.body.task).toMatchObject({ tenantId: 'org_local_acme', createdById: 'user_local_bob' });
    expect((await bob.update(mine.body.task.id, { completed: true })).body.task.completedAt).not.toBeNull();

    const hers = await alice.create(`Alice's secret v${version}`);
    const refused = await bob.update(hers.body.task.id, { title: 'Bob was here' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: 'forbidden',
      message: expect.stringMatching(
        /^@clerkship\/rbac: "org:tasks:edit" covers only resources the signed-in user created\./,
      ),
    });
    expect((await bob.remove(hers.body.task.id)).status).toBe(403);
    expect((await alice.list())?.find((task) => task.id === hers.body.task.id)?.title).toBe(
      `Alice's secret v${version}`,
    );
  });

  it('Alice (manager) edits all tasks of Acme', async () => {
    const bobs = await bob.create(`Bob's draft v${version}`);
    expect((await alice.update(bobs.body.task.id, { title: 'Reviewed by Alice' })).body.task.title).toBe(
      'Reviewed by Alice',
    );
    expect((await alice.remove(bobs.body.task.id)).status).toBe(204);
  });

  it('Dana (personal account) manages only her own tasks', async () => {
    const own = await dana.create(`Dana's errand v${version}`);
    expect(own.body.task).toMatchObject({ tenantId: 'user_local_dana', createdById: 'user_local_dana' });
    expect((await dana.update(own.body.task.id, { completed: true })).status).toBe(200);
    expect((await dana.list())?.every((task) => task.tenantId === 'user_local_dana')).toBe(true);
    const acmeTask = await alice.create(`Acme only v${version}`);
    expect((await dana.update(acmeTask.body.task.id, { completed: true })).status).toBe(403);
    expect((await alice.update(own.body.task.id, { completed: false })).status).toBe(403);
  });

  it("Erin (manager of Globex) never sees or changes Acme's tasks, even by id", async () => {
    const acmeTask = await alice.create(`Acme roadmap v${version}`);
    expect((await erin.list())?.some((task) => task.tenantId !== 'org_local_globex')).toBe(false);
    const refused = await erin.update(acmeTask.body.task.id, { title: 'Globex owns this now' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/belongs to another organization or user/);
    expect((await erin.remove(acmeTask.body.task.id)).status).toBe(403);
    expect((await alice.list())?.find((task) => task.id === acmeTask.body.task.id)?.title).toBe(
      `Acme roadmap v${version}`,
    );
  });
});

describe('Team Tasks in the browser', () => {
  it('shows Charlie no way to add or change tasks', async () => {
    await as('alice', 2).create('Visible to Charlie');
    const page = await signInAs(context, 'Charlie');
    expect(await page.getByTestId('read-only').isVisible()).toBe(true);
    expect(await page.getByTestId('add-task').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Done' }).count()).toBe(0);
    await page.close();
  });

  it("lets Bob add a task and change it, and refuses his forged action on Alice's task", async () => {
    const hers = await as('alice', 2).create('Alice only');
    const page = await signInAs(context, 'Bob');
    await page.getByLabel('Task title').fill('Water the plants');
    await page.getByRole('button', { name: 'Add task' }).click();
    const row = page.getByTestId('task').filter({ hasText: 'Water the plants' });
    await row.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => row.getAttribute('class')).toBe('done');
    expect(
      await page.getByTestId('task').filter({ hasText: 'Alice only' }).getByText('read only').isVisible(),
    ).toBe(true);
    await page.screenshot({ path: path.join(artifacts, 'team-tasks-bob.png'), fullPage: true });

    // Point one of Bob's own forms at Alice's task and submit it: the server action must refuse.
    await row
      .locator('input[name="taskId"]')
      .first()
      .evaluate((input, id) => {
        (input as HTMLInputElement).value = id;
      }, hers.body.task.id);
    await row.getByRole('button', { name: 'Reopen' }).click();
    // A refusal the page shows next to the form, not an error page; nothing changed.
    const refusal = row.getByTestId('refusal');
    await expect.poll(async () => refusal.isVisible()).toBe(true);
    expect(await refusal.textContent()).toMatch(/covers only resources the signed-in user created/);
    expect(await page.getByTestId('whoami').isVisible()).toBe(true);
    const after = (await as('alice', 2).list())?.find((task) => task.id === hers.body.task.id);
    expect(after?.completedAt).toBeNull();
    await page.close();
  });
});

describe('claims first', () => {
  it('made no Clerk Backend API call for any of the checks above', async () => {
    expect((await context.local.backendApi()).calls).toEqual([]);
  });
});
