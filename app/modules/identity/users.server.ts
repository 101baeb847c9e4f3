import { eq, sql } from "drizzle-orm";
import { teamMembers, teams, users, type Role } from "../../../db/schema";
import { db, type DbOrTx } from "~/utils/db.server";

export type CurrentUser = {
  id: string;
  name: string;
  email: string | null;
  roles: Role[];
  preferredLanguage: string;
  preferredChannel: string;
  teams: { id: string; slug: string; name: string }[];
  isStaff: boolean;
};

export const isStaffRoles = (roles: readonly Role[]) => roles.some((r) => r !== "resident");

export async function findUserByEmail(email: string, conn: DbOrTx = db) {
  const [user] = await conn.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return user;
}

export async function loadCurrentUser(id: string): Promise<CurrentUser | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user || !user.active) return undefined;
  const memberOf = await db
    .select({ id: teams.id, slug: teams.slug, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, id))
    .orderBy(teams.name);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    roles: user.roles,
    preferredLanguage: user.preferredLanguage,
    preferredChannel: user.preferredChannel,
    teams: memberOf,
    isStaff: isStaffRoles(user.roles),
  };
}
