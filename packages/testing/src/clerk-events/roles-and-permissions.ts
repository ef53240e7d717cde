import type { PermissionWebhookEvent, RoleWebhookEvent } from '@clerk/backend';
import { createClerkId } from './clerk-id';
import { deletedObject } from './deleted-object';
import type { EventContext } from './event-context';

// @clerk/backend exports these payload types only as part of their events.
type RoleJSON = RoleWebhookEvent['data'];
type PermissionJSON = PermissionWebhookEvent['data'];

/** A custom permission of the Team Tasks app: `org:tasks:edit`. */
export function permission({ now }: EventContext): PermissionJSON {
  return {
    object: 'permission',
    id: createClerkId('perm'),
    key: 'org:tasks:edit',
    name: 'Edit tasks',
    description: 'Create, edit and complete tasks in the organization.',
    created_at: now,
    updated_at: now,
  };
}

/** A custom role of the Team Tasks app, `org:manager`, with its permissions. */
export function role(context: EventContext): RoleJSON {
  const { now } = context;
  return {
    object: 'role',
    id: createClerkId('role'),
    key: 'org:manager',
    name: 'Manager',
    description: 'Manages the tasks of the organization.',
    permissions: [
      permission(context),
      {
        ...permission(context),
        key: 'org:tasks:delete',
        name: 'Delete tasks',
        description: 'Delete any task in the organization.',
      },
    ],
    is_creator_eligible: false,
    created_at: now,
    updated_at: now,
  };
}

// `role.deleted` and `permission.deleted` carry a deleted object, as Clerk's webhook reference shows;
// @clerk/backend types their `data` as the full RoleJSON / PermissionJSON, hence the casts.
export function roleDeleted(): RoleJSON {
  return deletedObject('role', 'role') as never;
}

export function permissionDeleted(): PermissionJSON {
  return deletedObject('permission', 'perm') as never;
}
