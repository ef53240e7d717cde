import { and, desc, eq } from 'drizzle-orm';
import { database, schema } from './db';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A task title as typed by a person: trimmed, 1 to 200 characters. */
export function parseTitle(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const title = value.trim();
  return title.length >= 1 && title.length <= 200 ? title : null;
}

export async function listTasks(ownerId: string) {
  const db = await database();
  return db
    .select()
    .from(schema.tasks)
    .where(eq(schema.tasks.ownerId, ownerId))
    .orderBy(desc(schema.tasks.createdAt));
}

/** A task by id, whoever owns it: callers check access on it before using it. */
export async function findTask(id: unknown) {
  if (typeof id !== 'string' || !uuidPattern.test(id)) return undefined;
  const db = await database();
  const [task] = await db.select().from(schema.tasks).where(eq(schema.tasks.id, id));
  return task;
}

export async function insertTask(values: { ownerId: string; createdById: string; title: string }) {
  const db = await database();
  const [task] = await db.insert(schema.tasks).values(values).returning();
  return task;
}

/** Updates a task of the given tenant only, so a stale check can never reach another tenant's row. */
export async function updateTask(
  id: string,
  ownerId: string,
  patch: { title?: string; completed?: boolean },
) {
  const db = await database();
  const [task] = await db
    .update(schema.tasks)
    .set({
      ...(patch.title === undefined ? {} : { title: patch.title }),
      ...(patch.completed === undefined ? {} : { completedAt: patch.completed ? new Date() : null }),
      updatedAt: new Date(),
    })
    .where(and(eq(schema.tasks.id, id), eq(schema.tasks.ownerId, ownerId)))
    .returning();
  return task;
}

export async function deleteTask(id: string, ownerId: string) {
  const db = await database();
  await db.delete(schema.tasks).where(and(eq(schema.tasks.id, id), eq(schema.tasks.ownerId, ownerId)));
}
