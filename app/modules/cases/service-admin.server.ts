import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { caseDefinitions, cases } from "../../../db/schema";
import { setServiceHandling } from "~/modules/catalog/directory.server";
import { teamExists, teamOptions } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { assertTeamHasActiveMembers } from "./unassigned.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { clearDefinitionCache, definitionBySlug, listRequestable } from "./definitions.server";
import { parseStatusModel, type ModelProblem } from "./status-model";
import { assertCan } from "~/modules/identity/permissions";

/**
 * Admins edit how a service is handled: which team gets its cases (routing is data) and its
 * status model. A model is only saved when it is sound (every status can reach an end) and
 * keeps every status an open case has now, so no case is left in a status that no longer exists.
 * Other processes pick the change up within the definition cache's minute.
 */

const requireAdmin = (actor: CurrentUser) => assertCan(actor, "admin.manage");

export const serviceConfigSchema = z.object({
  teamId: z.string().uuid("backoffice:errors.team"),
  normDays: z.coerce
    .number({ message: "backoffice:errors.normDays" })
    .int("backoffice:errors.normDays")
    .min(1, "backoffice:errors.normDays")
    .max(365, "backoffice:errors.normDays"),
  statusModel: z.string().trim().min(2, "backoffice:errors.required"),
  // The login a resident needs to submit online (docs/decisions/018-identity-oidc.md); absent keeps the current level.
  requiredAssurance: z.enum(["low", "substantial", "high"], { message: "backoffice:errors.required" }).optional(),
});

export async function listServiceConfigs(actor: CurrentUser) {
  requireAdmin(actor);
  const [defs, allTeams] = await Promise.all([listRequestable(), teamOptions(db)]);
  const names = new Map(allTeams.map((t) => [t.id, t.name]));
  return defs.map((d) => ({
    slug: d.slug,
    title: d.title,
    teamName: d.teamId ? (names.get(d.teamId) ?? null) : null,
    statuses: d.statusModel.statuses.length,
    normDays: d.statusModel.normDays,
  }));
}

export async function getServiceConfig(actor: CurrentUser, slug: string) {
  requireAdmin(actor);
  const def = await definitionBySlug(slug);
  if (!def) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const allTeams = await teamOptions(db);
  return {
    slug: def.slug,
    title: def.title,
    teamId: def.teamId,
    normDays: def.statusModel.normDays,
    requiredAssurance: def.requiredAssurance,
    statusModel: JSON.stringify({ statuses: def.statusModel.statuses }, null, 2),
    teams: allTeams,
  };
}

export class ModelRefused extends DomainError {
  constructor(readonly problems: ModelProblem[]) {
    super("VALIDATION", "backoffice:admin.refused");
  }
}

export async function saveServiceConfig(actor: CurrentUser, slug: string, input: z.infer<typeof serviceConfigSchema>) {
  requireAdmin(actor);
  const def = await definitionBySlug(slug);
  if (!def) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const parsed = parseStatusModel(input.statusModel, { normDays: input.normDays, normIsDemo: def.statusModel.normIsDemo });
  if (!parsed.ok) throw new ModelRefused(parsed.problems);
  const keys = new Set(parsed.model.statuses.map((s) => s.key));
  await db.transaction(async (tx) => {
    const team = (await teamExists(input.teamId, tx)) ? { id: input.teamId } : undefined;
    if (!team) throw new DomainError("VALIDATION", "backoffice:errors.unknownTeam");
    await assertTeamHasActiveMembers(team.id, tx);
    const inUse = await tx
      .selectDistinct({ status: cases.status })
      .from(cases)
      .where(and(eq(cases.serviceId, def.serviceId), isNull(cases.closedAt)));
    const orphaned = inUse.map((r) => r.status).filter((s) => !keys.has(s));
    if (orphaned.length) throw new ModelRefused(orphaned.map((s) => ({ key: "model.inUse", status: s })));
    await tx
      .update(caseDefinitions)
      .set({ statusModel: { statuses: parsed.model.statuses }, normDays: parsed.model.normDays, updatedAt: sql`now()` })
      .where(eq(caseDefinitions.serviceId, def.serviceId));
    // Routing is a catalogue field (the competent team); new cases of this service go to it.
    await setServiceHandling(tx, def.serviceId, { competentTeamId: team.id, requiredAssurance: input.requiredAssurance ?? def.requiredAssurance });
    await recordAudit(
      {
        actorId: actor.id,
        action: "service.handling-changed",
        entityType: "service",
        entityId: slug,
        details: { teamId: team.id, normDays: parsed.model.normDays, statuses: [...keys], requiredAssurance: input.requiredAssurance ?? def.requiredAssurance },
      },
      tx,
    );
  });
  clearDefinitionCache();
}
