import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { QueryBuilder, type AnyPgColumn } from "drizzle-orm/pg-core";
import { teamMembers, teams, users, type Language, type PreferredChannel, type Role } from "../../../db/schema";
import { db, type DbOrTx, type Tx } from "~/utils/db.server";

/**
 * What identity offers the other contexts (docs/decisions/017-cross-context-reads.md): people and
 * teams read through these functions and read-only join helpers, never through the `users`,
 * `teams` or `team_members` tables themselves.
 *
 * The join helpers are subqueries over the owner's tables with the columns other contexts may
 * see (never a password hash or session data). PostgreSQL inlines them, so a list joining
 * `peopleView("resident")` costs what a join on `users` cost: one statement, no N+1. A subquery
 * cannot be written through, which makes the helpers read-only by construction. Give each join
 * its own name when one query joins people twice (resident and assignee).
 */
const qb = new QueryBuilder();

/** The columns of a person other contexts may see (never the password hash). */
const personColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  phone: users.phone,
  roles: users.roles,
  preferredLanguage: users.preferredLanguage,
  preferredChannel: users.preferredChannel,
  active: users.active,
  claimedAt: users.claimedAt,
  createdAt: users.createdAt,
};

/** Read-only join helper: people (residents and staff) as other contexts may see them. */
export const peopleView = <N extends string>(name: N) => qb.select(personColumns).from(users).as(name);

/** Read-only join helper: teams (id, slug, name). */
export const teamsView = <N extends string>(name: N) => qb.select({ id: teams.id, slug: teams.slug, name: teams.name }).from(teams).as(name);

/** A person's name for an id column, as a correlated subquery (null when there is nobody). */
export const personNameOf = (idColumn: AnyPgColumn | SQL) => sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${idColumn})`;

/** How many active members a team has, for a team id column. */
export const activeMemberCountOf = (teamIdColumn: AnyPgColumn | SQL) =>
  sql<number>`(select count(*)::int from ${teamMembers} join ${users} on ${users.id} = ${teamMembers.userId} and ${users.active} where ${teamMembers.teamId} = ${teamIdColumn})`;

export type Person = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  roles: Role[];
  preferredLanguage: Language;
  preferredChannel: PreferredChannel;
  active: boolean;
  claimedAt: Date | null;
  createdAt: Date;
};

/** One person by id (undefined when unknown). */
export async function findPerson(id: string, conn: DbOrTx): Promise<Person | undefined> {
  const [person] = await conn.select(personColumns).from(users).where(eq(users.id, id));
  return person;
}

/** Names by id, in one query (for lists that show who did what). */
export async function personNames(ids: readonly string[], conn: DbOrTx): Promise<Map<string, string>> {
  const uniq = [...new Set(ids)].filter(Boolean);
  if (!uniq.length) return new Map();
  const rows = await conn.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, uniq));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active people holding a role, by name (`id` narrows to one person). */
export async function activePeopleWithRole(role: Role, conn: DbOrTx, id?: string) {
  return conn
    .select({ id: users.id, name: users.name, email: users.email, preferredLanguage: users.preferredLanguage })
    .from(users)
    .where(and(sql`${role} = any(${users.roles})`, eq(users.active, true), ...(id ? [eq(users.id, id)] : [])))
    .orderBy(asc(users.name));
}

/** The active resident with this e-mail address (lower case), as a list of at most one. */
export async function activeResidentsByEmail(email: string, conn: DbOrTx) {
  return conn
    .select({ id: users.id })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email}`, sql`'resident' = any(${users.roles})`, eq(users.active, true)))
    .limit(1);
}

/** Residents found by e-mail, phone number or name (at most `limit`). */
export async function findResidents(kind: "email" | "phone" | "name", q: string, limit: number) {
  const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  let where: SQL;
  if (kind === "email") where = sql`lower(${users.email}) = ${q.toLowerCase()}`;
  else if (kind === "phone") where = sql`phone_key(${users.phone}) = phone_key(${q}) and ${users.phone} is not null`;
  else where = and(...q.split(" ").map((w) => sql`${users.name} ilike ${`%${escapeLike(w)}%`}`))!;
  return db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, claimedAt: users.claimedAt })
    .from(users)
    .where(and(where, sql`${users.roles} @> '{resident}'::text[]`))
    .orderBy(asc(users.name))
    .limit(limit);
}

/** All teams by name. */
export async function teamOptions(conn: DbOrTx) {
  return conn.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name));
}

/** Team names by id, in one query. */
export async function teamNames(ids: readonly string[], conn: DbOrTx): Promise<Map<string, string>> {
  const uniq = [...new Set(ids)].filter(Boolean);
  if (!uniq.length) return new Map();
  const rows = await conn.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, uniq));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Whether a team exists. */
export async function teamExists(id: string, conn: DbOrTx) {
  const [team] = await conn.select({ id: teams.id }).from(teams).where(eq(teams.id, id));
  return Boolean(team);
}

/** A team's active members by name. */
export async function activeTeamMembers(teamId: string, conn: DbOrTx) {
  return conn
    .select({ id: users.id, name: users.name })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.active, true)))
    .orderBy(asc(users.name));
}

/** Whether this person is an active member of the team. */
export async function isActiveTeamMember(teamId: string, userId: string, conn: DbOrTx) {
  const [row] = await conn
    .select({ id: users.id })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId), eq(users.active, true)));
  return Boolean(row);
}

/** The ids of the teams this person leads. */
export async function teamsLedBy(userId: string) {
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.isLead, true)));
  return rows.map((r) => r.teamId);
}

/** The active team leads with an e-mail address, by team name. */
export async function teamLeadContacts(conn: DbOrTx) {
  return conn
    .select({ teamId: teams.id, team: teams.name, email: users.email, name: users.name, lng: users.preferredLanguage })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.isLead, true), eq(users.active, true), sql`${users.email} is not null`))
    .orderBy(asc(teams.name));
}

/** A resident record made on someone's behalf (at the counter, by phone); not claimed until they log in. */
export async function createResident(tx: Tx, input: { name: string; email: string | null; phone: string | null; preferredLanguage: Language; preferredChannel: PreferredChannel }) {
  // Undefined when someone registered the same e-mail address a moment ago.
  const [row] = await tx
    .insert(users)
    .values({ ...input, roles: ["resident"], claimedAt: null })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return row as { id: string } | undefined;
}

/** Records a resident's phone number. */
export async function setPhone(tx: Tx, userId: string, phone: string) {
  await tx.update(users).set({ phone, updatedAt: new Date() }).where(eq(users.id, userId));
}
