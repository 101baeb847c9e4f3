import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { cases } from "../../../db/schema";
import { servicesView } from "~/modules/catalog/directory.server";
import { activeMemberCountOf, teamsView } from "~/modules/identity/directory.server";
import { can } from "~/modules/identity/permissions";
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

// Titles and team names through the read-only join helpers of the catalogue and identity (decision 017).
const service = servicesView("service");
const team = teamsView("team");

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
  const [row] = await conn.execute<{ n: number }>(sql`select ${activeMemberCountOf(sql`${teamId}::uuid`)} as n`);
  return row?.n ?? 0;
}

/** Refuses routing a service to a team that nobody works in. */
export async function assertTeamHasActiveMembers(teamId: string, conn: DbOrTx) {
  if ((await activeMemberCount(teamId, conn)) === 0) throw new DomainError("VALIDATION", "backoffice:errors.teamWithoutMembers");
}

/** Who sees "Zonder behandelaar" (permissions.ts, cases.unassigned): every team, the teams they lead, or null = no list. */
export function unassignedScope(actor: CurrentUser): { all: true } | { all: false; teamIds: string[] } | null {
  if (!can(actor, "cases.unassigned")) return null;
  if (can(actor, "cases.unassigned", { teamId: null })) return { all: true };
  return { all: false, teamIds: actor.teams.filter((t) => can(actor, "cases.unassigned", { teamId: t.id })).map((t) => t.id) };
}

export function mayViewUnassigned(actor: CurrentUser) {
  return unassignedScope(actor) !== null;
}

export type UnassignedReason = "noTeamMembers" | "noTeam" | "notTaken";

const LIMIT = 200;

/** Open cases without a handler for too long, or in a team nobody works in; oldest first. */
export async function listUnassigned(actor: CurrentUser, now = new Date()) {
  const scope = unassignedScope(actor);
  if (!scope) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  if (!scope.all && scope.teamIds.length === 0) return { hours: env().UNASSIGNED_AFTER_WORKING_HOURS, items: [], truncated: false };
  const hours = env().UNASSIGNED_AFTER_WORKING_HOURS;
  const cutoff = workingHoursBefore(now, hours);
  const activeMembers = activeMemberCountOf(cases.teamId);
  const rows = await db
    .select({
      reference: cases.reference,
      serviceTitle: service.title,
      teamId: cases.teamId,
      teamName: team.name,
      submittedAt: cases.submittedAt,
      dueAt: cases.dueAt,
      waitingSince: cases.waitingSince,
      closedAt: cases.closedAt,
      assigneeId: cases.assigneeId,
      activeMembers,
    })
    .from(cases)
    .innerJoin(service, eq(service.id, cases.serviceId))
    .leftJoin(team, eq(team.id, cases.teamId))
    .where(
      and(
        isNull(cases.closedAt),
        scope.all
          ? undefined
          : sql`${cases.teamId} in (${sql.join(
              scope.teamIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`,
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
