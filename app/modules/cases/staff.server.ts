import { asc, eq } from "drizzle-orm";
import { caseEvents, caseFiles, caseMessages, cases, type EventVisibility } from "../../../db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db, type Tx } from "~/utils/db.server";
import { expectedCompletion } from "./clock";
import { statusOf } from "./definitions";
import { definitionByServiceId } from "./definitions.server";
import { tellResident } from "./notify.server";

/**
 * What staff do with a case (the back-office screens of issue 6 call these). Access: the
 * members of the case's team, front office (they serve every resident at the counter) and admins.
 */

type CaseRow = typeof cases.$inferSelect;

function mayHandle(actor: CurrentUser, c: CaseRow) {
  if (!actor.isStaff) return false;
  if (actor.roles.includes("admin") || actor.roles.includes("frontoffice")) return true;
  return actor.roles.includes("backoffice") && actor.teams.some((t) => t.id === c.teamId);
}

async function lockCase(tx: Tx, actor: CurrentUser, reference: string) {
  const [c] = await tx.select().from(cases).where(eq(cases.reference, reference)).for("update");
  if (!c || !mayHandle(actor, c)) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const def = await definitionByServiceId(c.serviceId);
  if (!def) throw new DomainError("INVALID_STATE", "cases:errors.noDefinition");
  return { c, def };
}

/** Opens a case for a staff member; the resident sees this access on their page (audit log). */
export async function openCaseAsStaff(actor: CurrentUser, reference: string) {
  return db.transaction(async (tx) => {
    const { c, def } = await lockCase(tx, actor, reference);
    await recordAudit({ actorId: actor.id, action: "case.opened", subjectUserId: c.residentId, entityType: "case", entityId: c.reference }, tx);
    const [events, messages, files] = await Promise.all([
      tx.select().from(caseEvents).where(eq(caseEvents.caseId, c.id)).orderBy(asc(caseEvents.id)),
      tx.select().from(caseMessages).where(eq(caseMessages.caseId, c.id)).orderBy(asc(caseMessages.at)),
      tx.select({ id: caseFiles.id, filename: caseFiles.filename, size: caseFiles.size }).from(caseFiles).where(eq(caseFiles.caseId, c.id)),
    ]);
    const status = statusOf(def.statusModel, c.status)!;
    return { case: c, def, status, nextStatuses: status.next.map((k) => statusOf(def.statusModel, k)!), events, messages, files, expectedBy: expectedCompletion(c) };
  });
}

/** Moves a case to a next status its model allows, optionally with a sub-status and a note to the resident. */
export async function moveCase(actor: CurrentUser, reference: string, input: { to: string; subStatus?: string | null; note?: string }) {
  return db.transaction(async (tx) => {
    const { c, def } = await lockCase(tx, actor, reference);
    const from = statusOf(def.statusModel, c.status)!;
    const now = new Date();
    if (input.to === c.status) {
      // Only the internal sub-status changes.
      if (input.subStatus && !from.subStatuses.includes(input.subStatus)) throw new DomainError("VALIDATION", "cases:errors.unknownSubStatus");
      await tx.update(cases).set({ subStatus: input.subStatus ?? null, lastChangeAt: now }).where(eq(cases.id, c.id));
      await tx.insert(caseEvents).values({ caseId: c.id, actorId: actor.id, type: "sub-status-changed", visibility: "internal", data: { subStatus: input.subStatus ?? null } });
      return { status: c.status };
    }
    const to = statusOf(def.statusModel, input.to);
    if (!to || !from.next.includes(to.key)) throw new DomainError("INVALID_STATE", "cases:errors.transitionNotAllowed", { from: from.key, to: input.to });
    if (input.subStatus && !to.subStatuses.includes(input.subStatus)) throw new DomainError("VALIDATION", "cases:errors.unknownSubStatus");
    const closing = to.next.length === 0;
    await tx
      .update(cases)
      .set({
        status: to.key,
        subStatus: input.subStatus ?? null,
        lastChangeAt: now,
        ...(closing ? { closedAt: now, result: to.result ?? to.key, waitingSince: null } : {}),
      })
      .where(eq(cases.id, c.id));
    const visibility: EventVisibility = "resident";
    await tx.insert(caseEvents).values({ caseId: c.id, actorId: actor.id, type: "status-changed", visibility, data: { from: from.key, to: to.key, ...(closing ? { result: to.result ?? to.key } : {}), ...(input.note ? { note: input.note } : {}) } });
    if (input.subStatus) await tx.insert(caseEvents).values({ caseId: c.id, actorId: actor.id, type: "sub-status-changed", visibility: "internal", data: { subStatus: input.subStatus } });
    if (to.tellResident) await tellResident(tx, { caseId: c.id, reference: c.reference, residentId: c.residentId, notice: "status", serviceTitle: def.title, statusText: to.text });
    return { status: to.key, closed: closing };
  });
}

/** Asks the resident for information: "Actie nodig" in Mijn dossiers, and the clock pauses until they answer. */
export async function askResident(actor: CurrentUser, reference: string, question: string) {
  if (!question.trim()) throw new DomainError("VALIDATION", "cases:errors.required");
  return db.transaction(async (tx) => {
    const { c, def } = await lockCase(tx, actor, reference);
    if (c.closedAt) throw new DomainError("INVALID_STATE", "cases:errors.closed");
    const now = new Date();
    const [msg] = await tx.insert(caseMessages).values({ caseId: c.id, authorId: actor.id, fromStaff: true, kind: "question", body: question.trim() }).returning({ id: caseMessages.id });
    await tx.update(cases).set({ waitingSince: c.waitingSince ?? now, lastChangeAt: now }).where(eq(cases.id, c.id));
    await tx.insert(caseEvents).values({ caseId: c.id, actorId: actor.id, type: "info-requested", visibility: "resident", data: { messageId: msg.id } });
    await tellResident(tx, { caseId: c.id, reference: c.reference, residentId: c.residentId, notice: "question", serviceTitle: def.title });
  });
}

/** A message from the team to the resident (or an internal note, which the resident never sees). */
export async function sendTeamMessage(actor: CurrentUser, reference: string, body: string, opts: { internal?: boolean } = {}) {
  if (!body.trim()) throw new DomainError("VALIDATION", "cases:errors.required");
  return db.transaction(async (tx) => {
    const { c, def } = await lockCase(tx, actor, reference);
    if (opts.internal) {
      await tx.insert(caseEvents).values({ caseId: c.id, actorId: actor.id, type: "note", visibility: "internal", data: { body: body.trim() } });
      return;
    }
    const [msg] = await tx.insert(caseMessages).values({ caseId: c.id, authorId: actor.id, fromStaff: true, kind: "message", body: body.trim() }).returning({ id: caseMessages.id });
    await tx.update(cases).set({ lastChangeAt: new Date() }).where(eq(cases.id, c.id));
    await tx.insert(caseEvents).values({ caseId: c.id, actorId: actor.id, type: "message", visibility: "resident", data: { messageId: msg.id, fromStaff: true } });
    await tellResident(tx, { caseId: c.id, reference: c.reference, residentId: c.residentId, notice: "message", serviceTitle: def.title });
  });
}

