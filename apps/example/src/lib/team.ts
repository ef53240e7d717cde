import { asc, eq } from 'drizzle-orm';
import { database, schema } from './db';

/**
 * A workspace's members as Clerk last reported them through webhooks (the mirror kept by
 * /api/webhooks/clerk): one query on our own database, no Clerk Backend API call, so the page costs
 * nothing against Clerk's rate limit however often it is viewed.
 */
export async function listTeam(organizationId: string) {
  const db = await database();
  const [organization] = await db
    .select({ id: schema.organizations.id, name: schema.organizations.name })
    .from(schema.organizations)
    .where(eq(schema.organizations.id, organizationId));
  const members = await db
    .select({
      userId: schema.organizationMemberships.userId,
      role: schema.organizationMemberships.role,
      firstName: schema.users.firstName,
      lastName: schema.users.lastName,
      email: schema.users.email,
    })
    .from(schema.organizationMemberships)
    // A left join: a membership may arrive before its user (webhooks come in any order).
    .leftJoin(schema.users, eq(schema.users.id, schema.organizationMemberships.userId))
    .where(eq(schema.organizationMemberships.organizationId, organizationId))
    .orderBy(asc(schema.organizationMemberships.createdAt), asc(schema.organizationMemberships.userId));
  return { organization: organization ?? null, members };
}

export type Team = Awaited<ReturnType<typeof listTeam>>;
