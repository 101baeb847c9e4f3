import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { cases, services, teamMembers, teams, users } from "../../../db/schema";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db, type DbOrTx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { expectedCompletion } from "./clock";

/**
 * No request stranded (issue 15.1). A case that nobody took after UNASSIGNED_AFTER_WORKING_HOURS
 * working hours, or whose team has no active member at all, lands on the "Zonder behandelaar"
 * list of the front office and the team leads: the front office drives the back office.
 *
 * Who may see the list is decided here, in one function (mayViewUnassigned), until the shared
 * permission table exists: front office and admins see every team, a team lead sees their teams.
 */

/** Working hours: Monday to Friday, 08:00–17:00 in Mechelen (Europe/Brussels). */
const WORK_START = 8;
const WORK_END = 17;
const HOUR_MS = 3_600_000;
const brussels = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Brussels", weekday: "short", hour: "2-digit", hourCycle: "h23" });

function isWorkingHour(at: Date) {
  const parts = Object.fromEntries(brussels.formatToParts(at).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  return parts.weekday !== "Sat" && parts.weekday !== "Sun" && hour >= WORK_START && hour < WORK_END;
}

/** The moment that lies `hours` working hours before `now` (whole hours; public holidays are not counted). */
export function workingHoursBefore(now: Date, hours: number) {
  let at = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  let left = hours;
  // Bounded: even over a long weekend the loop ends within a few hundred steps.
  for (let i = 0; left > 0 && i < hours * 24 * 7; i++) {
    at = new Date(at.getTime() - HOUR_MS);
    if (isWorkingHour(at)) left--;
  }
  return at;
}

/** The teams whose active members number zero (a case sent there waits for nobody). */
export async function activeMemberCount(teamId: string, conn: DbOrTx) {
  const [row] = await conn
    .select({ n: sql<number>`count(*)::int` })
    .from(teamMembers)
    .innerJoin(users, and(eq(users.id, teamMembers.userId), eq(users.active, true)))
    .where(eq(teamMembers.teamId, teamId));
  return row?.n ?? 0;
}

/** Refuses routing a service to a team that nobody works in. */
export async function assertTeamHasActiveMembers(teamId: string, conn: DbOrTx) {
  if ((await activeMemberCount(teamId, conn)) === 0) throw new DomainError("VALIDATION", "backoffice:errors.teamWithoutMembers");
}

/** The teams the actor leads. */
async function ledTeamIds(actor: CurrentUser) {
  const rows = await db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(and(eq(teamMembers.userId, actor.id), eq(teamMembers.isLead, true)));
  return rows.map((r) => r.teamId);
}

/** Who sees "Zonder behandelaar": front office and admins (all teams), team leads (their teams). Null = nobody's list. */
export async function unassignedScope(actor: CurrentUser): Promise<{ all: true } | { all: false; teamIds: string[] } | null> {
  if (!actor.isStaff) return null;
  if (actor.roles.includes("admin") || actor.roles.includes("frontoffice")) return { all: true };
  if (!actor.roles.includes("backoffice")) return null;
  const led = await ledTeamIds(actor);
  return led.length ? { all: false, teamIds: led } : null;
}

export async function mayViewUnassigned(actor: CurrentUser) {
  return (await unassignedScope(actor)) !== null;
}

export type UnassignedReason = "noTeamMembers" | "noTeam" | "notTaken";

const LIMIT = 200;

/** Open cases without a handler for too long, or in a team nobody works in; oldest first. */
export async function listUnassigned(actor: CurrentUser, now = new Date()) {
  const scope = await unassignedScope(actor);
  if (!scope) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  const hours = env().UNASSIGNED_AFTER_WORKING_HOURS;
  const cutoff = workingHoursBefore(now, hours);
  const activeMembers = sql<number>`(select count(*)::int from team_members m join users u on u.id = m.user_id and u.active where m.team_id = ${cases.teamId})`;
  const rows = await db
    .select({
      reference: cases.reference,
      serviceTitle: services.title,
      teamId: cases.teamId,
      teamName: teams.name,
      submittedAt: cases.submittedAt,
      dueAt: cases.dueAt,
      waitingSince: cases.waitingSince,
      closedAt: cases.closedAt,
      assigneeId: cases.assigneeId,
      activeMembers,
    })
    .from(cases)
    .innerJoin(services, eq(services.id, cases.serviceId))
    .leftJoin(teams, eq(teams.id, cases.teamId))
    .where(
      and(
        isNull(cases.closedAt),
        scope.all ? undefined : sql`${cases.teamId} in (${sql.join(scope.teamIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
        sql`(${cases.teamId} is null or ${activeMembers} = 0 or (${cases.assigneeId} is null and ${cases.submittedAt} < ${cutoff.toISOString()}::timestamptz))`,
      ),
    )
    .orderBy(asc(cases.submittedAt), asc(cases.id))
    .limit(LIMIT);
  return {
    hours,
    items: rows.map((r) => {
      const expectedBy = expectedCompletion(r, now);
      const reason: UnassignedReason = !r.teamId ? "noTeam" : r.activeMembers === 0 ? "noTeamMembers" : "notTaken";
      return {
        reference: r.reference,
        serviceTitle: r.serviceTitle,
        teamName: r.teamName,
        submittedAt: r.submittedAt,
        expectedBy,
        overdue: !!expectedBy && expectedBy.getTime() < now.getTime(),
        reason,
      };
    }),
    truncated: rows.length === LIMIT,
  };
}
