import { and, asc, eq, inArray, not } from "drizzle-orm";
import { teamMembers, teams, users } from "../../../db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "./users.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { assertCan } from "./permissions";

/** Team leads receive the daily overview of late and due-tomorrow cases; admins choose them. */

const requireAdmin = (actor: CurrentUser) => assertCan(actor, "admin.manage");

export async function listTeamsWithMembers(actor: CurrentUser) {
  requireAdmin(actor);
  const rows = await db
    .select({ teamId: teams.id, teamName: teams.name, userId: users.id, name: users.name, isLead: teamMembers.isLead })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .innerJoin(users, and(eq(users.id, teamMembers.userId), eq(users.active, true)))
    .orderBy(asc(teams.name), asc(users.name));
  const byTeam = new Map<string, { id: string; name: string; members: { id: string; name: string; isLead: boolean }[] }>();
  for (const r of rows) {
    if (!byTeam.has(r.teamId)) byTeam.set(r.teamId, { id: r.teamId, name: r.teamName, members: [] });
    byTeam.get(r.teamId)!.members.push({ id: r.userId, name: r.name, isLead: r.isLead });
  }
  return [...byTeam.values()];
}

/** Makes exactly these members the team's leads (others stop being lead). */
export async function setTeamLeads(actor: CurrentUser, teamId: string, leadIds: string[]) {
  requireAdmin(actor);
  if (!/^[0-9a-f-]{36}$/i.test(teamId) || leadIds.some((id) => !/^[0-9a-f-]{36}$/i.test(id))) throw new DomainError("VALIDATION", "backoffice:errors.team");
  await db.transaction(async (tx) => {
    if (leadIds.length)
      await tx
        .update(teamMembers)
        .set({ isLead: true })
        .where(and(eq(teamMembers.teamId, teamId), inArray(teamMembers.userId, leadIds)));
    await tx
      .update(teamMembers)
      .set({ isLead: false })
      .where(and(eq(teamMembers.teamId, teamId), ...(leadIds.length ? [not(inArray(teamMembers.userId, leadIds))] : [])));
    await recordAudit({ actorId: actor.id, action: "team.leads-changed", entityType: "team", entityId: teamId, details: { leadIds } }, tx);
  });
}
