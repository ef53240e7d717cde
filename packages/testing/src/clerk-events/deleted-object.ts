import type { DeletedObjectJSON } from '@clerk/backend';
import { createClerkId } from './clerk-id';

/** What Clerk sends for a `*.deleted` event: only the object's kind and id, never its last state. */
export function deletedObject(object: string, prefix: string): DeletedObjectJSON {
  return { object, id: createClerkId(prefix), deleted: true };
}
