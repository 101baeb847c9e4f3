import { and, eq, gt, sql } from "drizzle-orm";
import { sessions, users, type AssuranceLevel, type AuthMethod, type Role, type SecondFactor } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { isProduction, staffSecondFactorRequired } from "~/utils/env.server";

export type CurrentUser = {
  id: string;
  name: string;
  email: string | null;
  roles: Role[];
  preferredLanguage: string;
  preferredChannel: string;
  /** The member's teams; `lead`: they lead that team (permissions.ts decides what that allows). */
  teams: { id: string; slug: string; name: string; lead?: boolean }[];
  isStaff: boolean;
  /** How the current session was made (absent when the user was loaded without a session). */
  session?: { method: AuthMethod; assurance: AssuranceLevel; secondFactor: SecondFactor | null };
};

export const isStaffRoles = (roles: readonly Role[]) => roles.some((r) => r !== "resident");

/** Demo accounts exist for local use only: in production they never get in, seeded or not. */
export const canLogIn = (user: { active: boolean; isDemo: boolean }) => user.active && !(user.isDemo && isProduction());

/** Whether a staff member may (still) log in: active, a staff role, not a demo account in production. */
export async function staffMayLogIn(userId: string) {
  const [user] = await db.select({ active: users.active, isDemo: users.isDemo, roles: users.roles }).from(users).where(eq(users.id, userId));
  return Boolean(user && canLogIn(user) && isStaffRoles(user.roles));
}

/**
 * The roles a session may use. Staff roles come only from the staff login, with its second
 * factor completed wherever one is required, or from the city's single sign-on; any other session (a resident's e-mail code, and
 * later eID/itsme) carries at most the resident role, whatever roles the account holds.
 */
export function rolesForSession(roles: Role[], session: { method: AuthMethod; secondFactor: SecondFactor | null }): Role[] {
  // Staff single sign-on: the city's provider did the second factor (decision 018).
  const staffRights = (session.method === "staff-password" && (session.secondFactor !== null || !staffSecondFactorRequired())) || session.method === "staff-oidc";
  return staffRights ? roles : roles.filter((r) => r === "resident");
}

export async function findUserByEmail(email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return user;
}

type TeamRef = { id: string; slug: string; name: string; lead: boolean };

const currentUserColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  roles: users.roles,
  preferredLanguage: users.preferredLanguage,
  preferredChannel: users.preferredChannel,
  active: users.active,
  // "users"."id" written out: drizzle leaves columns unqualified in a one-table select, and
  // this subquery must name the outer users row in the session join too.
  teams: sql<TeamRef[] | string>`coalesce((
    select jsonb_agg(jsonb_build_object('id', t.id, 'slug', t.slug, 'name', t.name, 'lead', m.is_lead) order by t.name)
      from team_members m join teams t on t.id = m.team_id
     where m.user_id = "users"."id"), '[]'::jsonb)`,
};

type UserRow = { [K in keyof typeof currentUserColumns]: K extends "teams" ? TeamRef[] | string : (typeof users.$inferSelect)[K & keyof typeof users.$inferSelect] };

function toCurrentUser(user: UserRow | undefined): CurrentUser | undefined {
  if (!user || !user.active) return undefined;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    roles: user.roles,
    preferredLanguage: user.preferredLanguage,
    preferredChannel: user.preferredChannel,
    // The driver may hand jsonb over unparsed inside a raw SQL column.
    teams: typeof user.teams === "string" ? (JSON.parse(user.teams) as TeamRef[]) : user.teams,
    isStaff: isStaffRoles(user.roles),
  };
}

/** A person with their teams, in one round trip. */
export async function loadCurrentUser(id: string): Promise<CurrentUser | undefined> {
  const [user] = await db.select(currentUserColumns).from(users).where(eq(users.id, id));
  return toCurrentUser(user);
}

/**
 * The person a live session belongs to, session and user in one round trip: it runs on every
 * signed-in page, and each round trip to the database costs two system calls.
 */
export async function loadSessionUser(sessionId: string): Promise<CurrentUser | undefined> {
  const [row] = await db
    .select({ ...currentUserColumns, method: sessions.authMethod, assurance: sessions.assurance, secondFactor: sessions.secondFactor })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, sql`now()`)));
  if (!row) return undefined;
  const { method, assurance, secondFactor, ...user } = row;
  const session = { method, assurance, secondFactor };
  const current = toCurrentUser({ ...user, roles: rolesForSession(user.roles, session) });
  return current && { ...current, session };
}
