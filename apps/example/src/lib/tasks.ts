import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { database, schema } from './db';

export async function listTasks(tenantId: string) {
  const db = await database();
  return db
    .select()
    .from(schema.tasks)
    .where(eq(schema.tasks.tenantId, tenantId))
    .orderBy(desc(schema.tasks.createdAt));
}

/** A task by id (parsed by `taskId`), whoever owns it: callers check access on it before using it. */
export async function findTask(id: string) {
  const db = await database();
  const [task] = await db.select().from(schema.tasks).where(eq(schema.tasks.id, id));
  return task;
}

export async function insertTask(values: { tenantId: string; createdById: string; title: string }) {
  const db = await database();
  const [task] = await db.insert(schema.tasks).values(values).returning();
  return task;
}

/** Updates a task of the given tenant only, so a stale check can never reach another tenant's row. */
export async function updateTask(
  id: string,
  tenantId: string,
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
    .where(and(eq(schema.tasks.id, id), eq(schema.tasks.tenantId, tenantId)))
    .returning();
  return task;
}

export async function deleteTask(id: string, tenantId: string) {
  const db = await database();
  await db.delete(schema.tasks).where(and(eq(schema.tasks.id, id), eq(schema.tasks.tenantId, tenantId)));
}

/** The completed tasks of a tenant: what "Clear completed" may remove, once access has been checked. */
export async function listCompletedTasks(tenantId: string) {
  const db = await database();
  return db
    .select()
    .from(schema.tasks)
    .where(and(eq(schema.tasks.tenantId, tenantId), isNotNull(schema.tasks.completedAt)));
}

/** Deletes tasks of the given tenant only. */
export async function deleteTasks(ids: readonly string[], tenantId: string): Promise<number> {
  if (ids.length === 0) return 0;
  const db = await database();
  const deleted = await db
    .delete(schema.tasks)
    .where(and(inArray(schema.tasks.id, [...ids]), eq(schema.tasks.tenantId, tenantId)))
    .returning({ id: schema.tasks.id });
  return deleted.length;
}
