import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { teamMembers, teams, users, type Role } from "../../../db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { hashPassword } from "./passwords.server";
import { hasSecondFactor } from "./second-factor.server";
import type { CurrentUser } from "./users.server";
import { findUserByEmail } from "./users.server";
import { assertCan } from "./permissions";

export type StaffInput = { name: string; email: string; roles: Exclude<Role, "resident">[]; teamIds: string[]; password?: string; active: boolean; confirmLastMember?: boolean };

const assertAdmin = (actor: CurrentUser) => assertCan(actor, "admin.manage");

export async function listStaff(actor: CurrentUser) {
  assertAdmin(actor);
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, roles: users.roles, active: users.active })
    .from(users)
    .where(sql`${users.roles} && array['frontoffice','backoffice','editor','host','admin']::text[]`)
    .orderBy(asc(users.name));
  const memberships = rows.length
    ? await db
        .select({ userId: teamMembers.userId, name: teams.name })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(
          inArray(
            teamMembers.userId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  return rows.map((r) => ({ ...r, teams: memberships.filter((m) => m.userId === r.id).map((m) => m.name) }));
}

export async function listTeams() {
  return db
    .select({ id: teams.id, slug: teams.slug, name: teams.name, members: sql<number>`(select count(*)::int from team_members tm where tm.team_id = ${teams.id})` })
    .from(teams)
    .orderBy(asc(teams.name));
}

export async function getStaffMember(actor: CurrentUser, id: string) {
  assertAdmin(actor);
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user || !user.roles.some((r) => r !== "resident")) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const memberOf = await db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, id));
  return {
    id: user.id,
    name: user.name,
    email: user.email ?? "",
    roles: user.roles,
    active: user.active,
    teamIds: memberOf.map((m) => m.teamId),
    hasSecondFactor: await hasSecondFactor(user.id),
  };
}

/** Creates or updates a staff account; its roles, teams and the change itself are audited. */
export async function saveStaffMember(actor: CurrentUser, input: StaffInput, id?: string) {
  assertAdmin(actor);
  if (id === actor.id && (!input.roles.includes("admin") || !input.active)) {
    throw new DomainError("VALIDATION", "admin:errors.cannotDemoteSelf");
  }
  const existing = await findUserByEmail(input.email);
  if (existing && existing.id !== id) throw new DomainError("CONFLICT", "admin:errors.emailTaken");
  if (!id && !input.password) throw new DomainError("VALIDATION", "admin:errors.passwordRequired");
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;

  return db.transaction(async (tx) => {
    let userId = id;
    if (userId && !input.confirmLastMember) {
      // Warn before a team loses its last active member: its requests would wait for nobody.
      const leaving = await tx.execute<{ name: string }>(sql`
        select t.name from team_members m join teams t on t.id = m.team_id
        where m.user_id = ${userId}
          and (${!input.active} or not (m.team_id = any(${`{${input.teamIds.join(",")}}`}::uuid[])))
          and not exists (select 1 from team_members o join users u on u.id = o.user_id and u.active
                          where o.team_id = m.team_id and o.user_id <> ${userId})`);
      if (leaving.length) throw new DomainError("VALIDATION", "admin:errors.lastMember", { teams: leaving.map((r) => r.name) });
    }
    if (userId) {
      const [updated] = await tx
        .update(users)
        .set({ name: input.name, email: input.email, roles: input.roles, active: input.active, updatedAt: new Date(), ...(passwordHash ? { passwordHash } : {}) })
        .where(and(eq(users.id, userId), sql`${users.roles} && array['frontoffice','backoffice','editor','host','admin']::text[]`))
        .returning({ id: users.id });
      if (!updated) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
      if (!input.active) await tx.execute(sql`delete from sessions where user_id = ${userId}`);
    } else {
      const [created] = await tx.insert(users).values({ name: input.name, email: input.email, roles: input.roles, active: input.active, passwordHash }).returning({ id: users.id });
      userId = created.id;
    }
    await tx.delete(teamMembers).where(eq(teamMembers.userId, userId));
    if (input.teamIds.length) await tx.insert(teamMembers).values(input.teamIds.map((teamId) => ({ teamId, userId: userId! })));
    await recordAudit(
      {
        actorId: actor.id,
        action: id ? "staff.updated" : "staff.created",
        subjectUserId: userId,
        entityType: "user",
        entityId: userId,
        details: { roles: input.roles, teamIds: input.teamIds, active: input.active, passwordChanged: Boolean(passwordHash) },
      },
      tx,
    );
    return userId;
  });
}

export async function createTeam(actor: CurrentUser, input: { name: string; slug: string }) {
  assertAdmin(actor);
  // The team and its audit row commit together.
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(teams).values(input).onConflictDoNothing().returning({ id: teams.id });
    if (!created) throw new DomainError("CONFLICT", "admin:errors.teamSlugTaken");
    await recordAudit({ actorId: actor.id, action: "team.created", entityType: "team", entityId: created.id, details: input }, tx);
    return created.id;
  });
}
