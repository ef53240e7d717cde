import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { access } from '../../__fixtures__/team-tasks';
import { createReactAccess } from './can';

const { AccessProvider, Can } = createReactAccess(access);
const snapshotOf = (orgRole: string, orgPermissions: string[]) =>
  ({ userId: 'user_bob', orgId: 'org_acme', orgRole, orgPermissions }) as never;

function render(snapshot: unknown, permission: 'org:tasks:edit' | 'org:tasks:manage') {
  return renderToStaticMarkup(
    createElement(
      AccessProvider,
      { snapshot } as never,
      createElement(Can, { permission, fallback: 'read only', children: 'edit' }),
    ),
  );
}

describe('<Can> with a server snapshot, and no ClerkProvider anywhere', () => {
  it("shows Bob (member) the edit button and not the manager's", () => {
    const bob = snapshotOf('org:member', ['org:tasks:view', 'org:tasks:edit']);
    expect(render(bob, 'org:tasks:edit')).toBe('edit');
    expect(render(bob, 'org:tasks:manage')).toBe('read only');
  });

  it('shows the fallback to a signed-out visitor (a null snapshot)', () => {
    expect(render(null, 'org:tasks:edit')).toBe('read only');
  });

  it("needs Clerk's provider only without a snapshot", () => {
    expect(() =>
      renderToStaticMarkup(createElement(Can, { permission: 'org:tasks:edit', children: 'edit' })),
    ).toThrow();
  });
});
