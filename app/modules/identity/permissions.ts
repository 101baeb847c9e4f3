import type { Role } from "../../../db/schema";
import { DomainError } from "~/modules/platform/errors";

/**
 * The one permission model: who may do what. Route guards ask `can` through
 * `requireStaffCan` (guards.server.ts); modules call `assertCan` for the rules that depend on
 * the resource (this case's team, this invitation's host). No role list lives anywhere else.
 *
 * Pure (no database, no request), so the whole table is unit-tested role × action.
 */

/** The part of the signed-in user a rule looks at. */
export type Actor = { id: string; roles: readonly Role[]; isStaff: boolean; teams: readonly { id: string; lead?: boolean }[] };

/** A case as far as access goes: the team it is routed to, and whether it is closed. */
export type CaseResource = { teamId: string | null; closed?: boolean };

type Resources = {
  /** Back office: the open-case queue of one's teams. */
  "cases.queue": undefined;
  /**
   * "Zonder behandelaar": the requests nobody took. Without a resource: may open the list; with
   * a team: may see that team's requests there (teamId null: every team, and cases without one).
   */
  "cases.unassigned": { teamId: string | null } | undefined;
  /** Open the back-office case page (read, make tasks). With a case: may this actor see it? */
  "cases.view": CaseResource | undefined;
  /** Change a case (claim, status, question, decision…). With a case: of one's team, and not closed. */
  "cases.work": CaseResource | undefined;
  /** Front office: residents' files, contact moments, requests on behalf, tasks, the inbox. */
  "residents.serve": undefined;
  /** The counter desk (call the next ticket). */
  "counter.desk": undefined;
  /** Write Mikipedia articles. */
  "knowledge.edit": undefined;
  /** Invite visitors (one's own invitations). */
  "visitors.host": undefined;
  /** Read an invitation: its host, or an admin overseeing. */
  "visitors.view": { hostId: string } | undefined;
  /** Answer visitors who came without an invitation (their host, the reception, an admin). */
  "visitors.walkIns": undefined;
  /** Who is in the building (presence list). */
  "access.presence": undefined;
  /** Back-office dashboard; with a team: figures of that team. */
  "insights.view": { teamId: string | null } | undefined;
  /** Everything under /werk/beheer, kiosks, team leads and the building settings. */
  "admin.manage": undefined;
  /** The staff start page. */
  "workplace.view": undefined;
};

export type Action = keyof Resources;
export const ACTIONS = [
  "cases.queue",
  "cases.unassigned",
  "cases.view",
  "cases.work",
  "residents.serve",
  "counter.desk",
  "knowledge.edit",
  "visitors.host",
  "visitors.view",
  "visitors.walkIns",
  "access.presence",
  "insights.view",
  "admin.manage",
  "workplace.view",
] as const satisfies readonly Action[];

const has = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
const inTeam = (actor: Actor, teamId: string | null) => teamId !== null && actor.teams.some((t) => t.id === teamId);
/** A team lead: a back-office member marked lead of the team (any team without a team id). */
const leads = (actor: Actor, teamId?: string | null) => has(actor, "backoffice") && actor.teams.some((t) => t.lead === true && (teamId === undefined || t.id === teamId));

const RULES: { [A in Action]: (actor: Actor, resource: Resources[A]) => boolean } = {
  "cases.queue": (a) => has(a, "backoffice", "admin"),
  // The front office drives the back office: it sees every team's list; a team lead the teams they lead.
  "cases.unassigned": (a, scope) => has(a, "admin", "frontoffice") || leads(a, scope === undefined ? undefined : scope.teamId),
  // The front office serves every resident at the counter and follows what it filed.
  "cases.view": (a, c) => has(a, "admin", "frontoffice") || (has(a, "backoffice") && (c === undefined || inTeam(a, c.teamId))),
  // Only the back office of the case's team (or an admin) changes a case; a closed case is read-only.
  "cases.work": (a, c) => {
    if (c === undefined) return has(a, "backoffice", "admin");
    if (c.closed) return false;
    return has(a, "admin") || (has(a, "backoffice") && inTeam(a, c.teamId));
  },
  "residents.serve": (a) => has(a, "frontoffice", "admin"),
  "counter.desk": (a) => has(a, "frontoffice"),
  "knowledge.edit": (a) => has(a, "editor"),
  "visitors.host": (a) => has(a, "host"),
  "visitors.view": (a, inv) => has(a, "admin") || (has(a, "host") && (inv === undefined || inv.hostId === a.id)),
  // A walk-in asks for a listed host or for the reception (the front office); admins oversee.
  "visitors.walkIns": (a) => has(a, "host", "frontoffice", "admin"),
  "access.presence": (a) => has(a, "admin", "frontoffice"),
  // Admins see every team (or all together), the back office only its own teams.
  "insights.view": (a, scope) => has(a, "admin") || (has(a, "backoffice") && (scope === undefined || inTeam(a, scope.teamId))),
  "admin.manage": (a) => has(a, "admin"),
  "workplace.view": () => true,
};

/**
 * May this actor do this (to this resource)? Staff rights need a staff session: an actor that
 * is not staff may do none of these, whatever its roles say.
 */
export function can<A extends Action>(actor: Actor, action: A, resource?: Resources[A]): boolean {
  if (!actor.isStaff) return false;
  return RULES[action](actor, resource as Resources[A]);
}

/** `can`, or DomainError FORBIDDEN (the kernel answers 403). */
export function assertCan<A extends Action>(actor: Actor, action: A, resource?: Resources[A]): void {
  if (!can(actor, action, resource)) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
}
