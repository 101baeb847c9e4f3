import { and, asc, eq } from "drizzle-orm";
import { caseEvents, caseFiles, caseMessages, cases } from "../../../db/schema";
import { activeTeamMembers, findPerson, isActiveTeamMember, peopleView, personNames, teamExists, teamNames, teamOptions } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db, type Tx } from "~/utils/db.server";
import { expectedCompletion, resumedDueAt } from "./clock";
import type { CaseEvent } from "./events";
import { appendCaseEvent, typedRow } from "./events.server";
import { isFinal, statusOf } from "./definitions";
import { definitionByServiceId } from "./definitions.server";
import { fileStorage } from "./storage.server";
import { tellResident } from "./notify.server";
import { createTask, informFrontOffice, tasksOfCase, type TaskKind } from "./tasks.server";
import { assertCan, can } from "~/modules/identity/permissions";

/** Who did what, through identity's read-only join helper (decision 017). */
const eventActor = peopleView("event_actor");

/**
 * What staff do with a case (the back-office screens of issue 6). Access: the back office of
 * the case's team, the front office (they serve every resident at the counter and follow what
 * they filed) and admins. Every change runs in one transaction with the case row locked, bumps
 * the case's `version` and appends an event with its actor. A caller that passes the version
 * its form was built from gets CONFLICT when a colleague changed the case in between.
 */

type CaseRow = typeof cases.$inferSelect;
type Versioned = { version?: number };

/** Who may see a case and who may change it: the permission model (identity/permissions.ts). */
export const mayHandle = (actor: CurrentUser, c: Pick<CaseRow, "teamId">) => can(actor, "cases.view", { teamId: c.teamId });
const mayWork = (actor: CurrentUser, c: Pick<CaseRow, "teamId" | "closedAt">) => can(actor, "cases.work", { teamId: c.teamId, closed: c.closedAt !== null });

const notFound = () => new DomainError("NOT_FOUND", "common:errors.notFound.title");

async function lockCase(tx: Tx, actor: CurrentUser, reference: string, version?: number) {
  if (!actor.isStaff) throw notFound();
  const [c] = await tx.select().from(cases).where(eq(cases.reference, reference)).for("update");
  if (!c) throw notFound();
  // Staff learn the case exists (references are not secret among staff) but not what is in it.
  assertCan(actor, "cases.view", { teamId: c.teamId });
  if (version !== undefined && version !== c.version) throw new DomainError("CONFLICT", "backoffice:errors.conflict", { current: c.version });
  const def = await definitionByServiceId(c.serviceId);
  if (!def) throw new DomainError("INVALID_STATE", "cases:errors.noDefinition");
  return { c, def };
}

/** Writes a change to the case: always a new version and a new "last change". */
async function update(tx: Tx, c: CaseRow, set: Partial<typeof cases.$inferInsert>, now = new Date()) {
  await tx
    .update(cases)
    .set({ ...set, version: c.version + 1, lastChangeAt: now })
    .where(eq(cases.id, c.id));
}

const event = (tx: Tx, c: CaseRow, actor: CurrentUser, e: CaseEvent) => appendCaseEvent(tx, { ...e, caseId: c.id, actorId: actor.id });

const required = (text: string | undefined | null, key = "backoffice:errors.required") => {
  if (!text?.trim()) throw new DomainError("VALIDATION", key);
  return text.trim();
};

/** Opens a case for a staff member; the resident sees this access on their page (audit log). */
export async function openCaseAsStaff(actor: CurrentUser, reference: string) {
  return db.transaction(async (tx) => {
    // Reading takes no row lock: opening a case never holds up a colleague's change.
    const { c } = await lockCaseShared(tx, actor, reference);
    const def = await definitionByServiceId(c.serviceId);
    if (!def) throw new DomainError("INVALID_STATE", "cases:errors.noDefinition");
    await recordAudit({ actorId: actor.id, action: "case.opened", subjectUserId: c.residentId, entityType: "case", entityId: c.reference }, tx);
    const [events, messages, files, person, tasks, colleagues, allTeams] = await Promise.all([
      tx
        .select({
          id: caseEvents.id,
          at: caseEvents.at,
          type: caseEvents.type,
          visibility: caseEvents.visibility,
          data: caseEvents.data,
          actorId: caseEvents.actorId,
          actorName: eventActor.name,
        })
        .from(caseEvents)
        .leftJoin(eventActor, eq(eventActor.id, caseEvents.actorId))
        .where(eq(caseEvents.caseId, c.id))
        .orderBy(asc(caseEvents.id))
        .then((rows) => rows.map(typedRow)),
      tx.select().from(caseMessages).where(eq(caseMessages.caseId, c.id)).orderBy(asc(caseMessages.at)),
      tx
        .select({ id: caseFiles.id, filename: caseFiles.filename, size: caseFiles.size, field: caseFiles.field, messageId: caseFiles.messageId })
        .from(caseFiles)
        .where(eq(caseFiles.caseId, c.id))
        .orderBy(asc(caseFiles.createdAt)),
      findPerson(c.residentId, tx),
      tasksOfCase(tx, c.id),
      c.teamId ? activeTeamMembers(c.teamId, tx) : Promise.resolve([]),
      teamOptions(tx),
    ]);
    const resident = person && {
      id: person.id,
      name: person.name,
      email: person.email,
      phone: person.phone,
      preferredChannel: person.preferredChannel,
      preferredLanguage: person.preferredLanguage,
    };
    const names = new Map([...colleagues, ...allTeams].map((x) => [x.id, x.name]));
    const [assignee, createdBy] = await Promise.all([c.assigneeId ? findPerson(c.assigneeId, tx) : undefined, findPerson(c.createdById, tx)]);
    const status = statusOf(def.statusModel, c.status)!;
    const next = status.next.map((k) => statusOf(def.statusModel, k)!);
    return {
      case: c,
      def,
      status,
      nextStatuses: next,
      /** Steps that keep the case open. */
      moves: next.filter((s) => !isFinal(s)),
      /** Closing steps: a decision with a result (withdrawal is the resident's). */
      decisions: next.filter((s) => isFinal(s) && s.key !== "ingetrokken"),
      events,
      messages,
      files,
      resident,
      tasks,
      colleagues,
      teams: allTeams,
      teamName: c.teamId ? (names.get(c.teamId) ?? null) : null,
      assigneeName: assignee?.name ?? null,
      createdByName: createdBy?.name ?? null,
      expectedBy: expectedCompletion(c),
      overdue: !c.closedAt && !c.waitingSince && c.dueAt.getTime() < Date.now(),
      canEdit: mayWork(actor, c),
    };
  });
}

/** A file of a case, for staff who may handle it. Downloading is audited like opening. */
export async function getCaseFileAsStaff(actor: CurrentUser, reference: string, fileId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw notFound();
  return db.transaction(async (tx) => {
    const { c } = await lockCaseShared(tx, actor, reference);
    const [f] = await tx
      .select()
      .from(caseFiles)
      .where(and(eq(caseFiles.id, fileId), eq(caseFiles.caseId, c.id)));
    if (!f) throw notFound();
    const bytes = await fileStorage().get(f.storageKey);
    if (!bytes) throw notFound();
    await recordAudit({ actorId: actor.id, action: "case.file.downloaded", subjectUserId: c.residentId, entityType: "case", entityId: c.reference, details: { fileId } }, tx);
    return { filename: f.filename, contentType: f.contentType, bytes };
  });
}

async function lockCaseShared(tx: Tx, actor: CurrentUser, reference: string) {
  if (!actor.isStaff) throw notFound();
  const [c] = await tx.select().from(cases).where(eq(cases.reference, reference));
  if (!c) throw notFound();
  assertCan(actor, "cases.view", { teamId: c.teamId });
  return { c };
}

/** Back office of the team (or an admin): the ones who change a case. The front office reads and makes tasks. */
async function lockForWork(tx: Tx, actor: CurrentUser, reference: string, version?: number) {
  const locked = await lockCase(tx, actor, reference, version);
  // Team membership only: a closed case answers INVALID_STATE (cases:errors.closed) further on.
  assertCan(actor, "cases.work", { teamId: locked.c.teamId });
  return locked;
}

const open = (c: CaseRow) => {
  if (c.closedAt) throw new DomainError("INVALID_STATE", "cases:errors.closed");
};

/** Takes an unassigned (or someone else's) case: it is now the actor's. */
export async function claimCase(actor: CurrentUser, reference: string, input: Versioned = {}) {
  return db.transaction(async (tx) => {
    const { c } = await lockForWork(tx, actor, reference, input.version);
    open(c);
    if (c.assigneeId === actor.id) return;
    await update(tx, c, { assigneeId: actor.id });
    await event(tx, c, actor, { type: "assigned", data: { from: c.assigneeId, to: actor.id, claimed: true } });
  });
}

/** Gives the case to a colleague of its team, or to another team (then unassigned there), with a reason in the history. */
export async function assignCase(actor: CurrentUser, reference: string, input: Versioned & { assigneeId?: string | null; teamId?: string | null; reason: string }) {
  const reason = required(input.reason, "backoffice:errors.reasonRequired");
  return db.transaction(async (tx) => {
    const { c } = await lockForWork(tx, actor, reference, input.version);
    open(c);
    if (input.teamId && input.teamId !== c.teamId) {
      const team = (await teamExists(input.teamId, tx)) ? { id: input.teamId } : undefined;
      if (!team) throw new DomainError("VALIDATION", "backoffice:errors.unknownTeam");
      await update(tx, c, { teamId: team.id, assigneeId: null });
      await event(tx, c, actor, { type: "team-changed", data: { from: c.teamId, to: team.id, reason } });
      return;
    }
    if (input.assigneeId) {
      if (!c.teamId || !(await isActiveTeamMember(c.teamId, input.assigneeId, tx))) throw new DomainError("VALIDATION", "backoffice:errors.notInTeam");
    }
    await update(tx, c, { assigneeId: input.assigneeId ?? null });
    await event(tx, c, actor, { type: "assigned", data: { from: c.assigneeId, to: input.assigneeId ?? null, reason } });
  });
}

/**
 * Moves a case to a next status its model allows, optionally with a sub-status and a note to
 * the resident. Moving to an end status closes the case with that status's result.
 */
export async function moveCase(actor: CurrentUser, reference: string, input: Versioned & { to: string; subStatus?: string | null; note?: string }) {
  return db.transaction(async (tx) => {
    const { c, def } = await lockForWork(tx, actor, reference, input.version);
    const from = statusOf(def.statusModel, c.status)!;
    const now = new Date();
    if (input.to === c.status) return changeSubStatus(tx, actor, c, from.subStatuses, input.subStatus ?? null, now);
    const to = statusOf(def.statusModel, input.to);
    if (!to || !from.next.includes(to.key)) throw new DomainError("INVALID_STATE", "cases:errors.transitionNotAllowed", { from: from.key, to: input.to });
    if (input.subStatus && !to.subStatuses.includes(input.subStatus)) throw new DomainError("VALIDATION", "cases:errors.unknownSubStatus");
    const closing = isFinal(to);
    const note = input.note?.trim() || undefined;
    // A closed case no longer waits for anyone: the clock stops with it.
    await update(tx, c, { status: to.key, subStatus: input.subStatus ?? null, ...(closing ? { closedAt: now, result: to.result ?? to.key, waitingSince: null } : {}) }, now);
    await event(tx, c, actor, { type: "status-changed", data: { from: from.key, to: to.key, ...(closing ? { result: to.result ?? to.key } : {}), ...(note ? { note } : {}) } });
    if (input.subStatus) await event(tx, c, actor, { type: "sub-status-changed", data: { subStatus: input.subStatus } });
    if (to.tellResident)
      await tellResident(tx, {
        caseId: c.id,
        reference: c.reference,
        residentId: c.residentId,
        notice: "status",
        serviceTitle: def.title,
        statusText: to.text,
        ...(closing && note ? { reason: note } : {}),
      });
    if (closing) await informFrontOffice(tx, c, "decision", now);
    return { status: to.key, closed: closing };
  });
}

/** Only the internal sub-status of the current status changes. */
async function changeSubStatus(tx: Tx, actor: CurrentUser, c: CaseRow, allowed: readonly string[], subStatus: string | null, now: Date) {
  open(c);
  if (subStatus && !allowed.includes(subStatus)) throw new DomainError("VALIDATION", "cases:errors.unknownSubStatus");
  await update(tx, c, { subStatus }, now);
  await event(tx, c, actor, { type: "sub-status-changed", data: { subStatus } });
  return { status: c.status, closed: false };
}

/** Sets (or clears) the internal sub-status without a status change. */
export async function setSubStatus(actor: CurrentUser, reference: string, input: Versioned & { subStatus?: string | null }) {
  return db.transaction(async (tx) => {
    const { c, def } = await lockForWork(tx, actor, reference, input.version);
    return changeSubStatus(tx, actor, c, statusOf(def.statusModel, c.status)?.subStatuses ?? [], input.subStatus ?? null, new Date());
  });
}

/** A decision: an end status with a result and a reason the resident reads. It closes the case. */
export async function decideCase(actor: CurrentUser, reference: string, input: Versioned & { to: string; reason: string }) {
  const reason = required(input.reason, "backoffice:errors.reasonRequired");
  const def = await db.select({ serviceId: cases.serviceId }).from(cases).where(eq(cases.reference, reference));
  const model = def[0] && (await definitionByServiceId(def[0].serviceId))?.statusModel;
  if (model && !isFinal(statusOf(model, input.to))) throw new DomainError("INVALID_STATE", "cases:errors.transitionNotAllowed");
  return moveCase(actor, reference, { to: input.to, note: reason, version: input.version });
}

/** Asks the resident for information: "Actie nodig" in Mijn dossiers, and the clock pauses until they answer. */
export async function askResident(actor: CurrentUser, reference: string, question: string, input: Versioned = {}) {
  const body = required(question, "cases:errors.required");
  return db.transaction(async (tx) => {
    const { c, def } = await lockForWork(tx, actor, reference, input.version);
    open(c);
    const now = new Date();
    const [msg] = await tx.insert(caseMessages).values({ caseId: c.id, authorId: actor.id, fromStaff: true, kind: "question", body }).returning({ id: caseMessages.id });
    await update(tx, c, { waitingSince: c.waitingSince ?? now }, now);
    await event(tx, c, actor, { type: "info-requested", data: { messageId: msg.id } });
    await tellResident(tx, { caseId: c.id, reference: c.reference, residentId: c.residentId, notice: "question", serviceTitle: def.title });
    await informFrontOffice(tx, c, "question", now);
  });
}

/** A message from the team to the resident (or an internal note, which the resident never sees). */
export async function sendTeamMessage(actor: CurrentUser, reference: string, body: string, opts: Versioned & { internal?: boolean } = {}) {
  const text = required(body, "cases:errors.required");
  return db.transaction(async (tx) => {
    const { c, def } = await lockForWork(tx, actor, reference, opts.version);
    if (opts.internal) {
      // A note changes nothing a colleague could overwrite: no version bump, so it never makes their form stale.
      await event(tx, c, actor, { type: "note", data: { body: text } });
      return;
    }
    open(c);
    const [msg] = await tx.insert(caseMessages).values({ caseId: c.id, authorId: actor.id, fromStaff: true, kind: "message", body: text }).returning({ id: caseMessages.id });
    await update(tx, c, {});
    await event(tx, c, actor, { type: "message", data: { messageId: msg.id, fromStaff: true } });
    await tellResident(tx, { caseId: c.id, reference: c.reference, residentId: c.residentId, notice: "message", serviceTitle: def.title });
  });
}

/** Stops the clock by hand, e.g. while the resident said they would bring a document to the counter. */
export async function pauseClock(actor: CurrentUser, reference: string, input: Versioned & { reason: string }) {
  const reason = required(input.reason, "backoffice:errors.reasonRequired");
  return db.transaction(async (tx) => {
    const { c } = await lockForWork(tx, actor, reference, input.version);
    open(c);
    if (c.waitingSince) throw new DomainError("INVALID_STATE", "backoffice:errors.alreadyPaused");
    await update(tx, c, { waitingSince: new Date() });
    await event(tx, c, actor, { type: "clock-paused", data: { reason } });
  });
}

/** Starts the clock again (e.g. the resident answered by phone); the due date moves by the time it stood still. */
export async function resumeClock(actor: CurrentUser, reference: string, input: Versioned = {}, now = new Date()) {
  return db.transaction(async (tx) => {
    const { c } = await lockForWork(tx, actor, reference, input.version);
    open(c);
    if (!c.waitingSince) throw new DomainError("INVALID_STATE", "backoffice:errors.notPaused");
    const dueAt = resumedDueAt(c.dueAt, c.waitingSince, now);
    await update(tx, c, { waitingSince: null, dueAt }, now);
    await event(tx, c, actor, { type: "clock-resumed", data: { dueAt: dueAt.toISOString(), pausedSince: c.waitingSince.toISOString() } });
    return { dueAt };
  });
}

/** Gives the team more time. The resident reads the reason and the new expected date, and is told on their channel. */
export async function extendDeadline(actor: CurrentUser, reference: string, input: Versioned & { dueAt: Date; reason: string }) {
  const reason = required(input.reason, "backoffice:errors.reasonRequired");
  return db.transaction(async (tx) => {
    const { c, def } = await lockForWork(tx, actor, reference, input.version);
    open(c);
    if (!(input.dueAt.getTime() > c.dueAt.getTime())) throw new DomainError("VALIDATION", "backoffice:errors.extendLater");
    await update(tx, c, { dueAt: input.dueAt });
    const expectedBy = expectedCompletion({ ...c, dueAt: input.dueAt })!;
    await event(tx, c, actor, { type: "deadline-extended", data: { note: reason, from: c.dueAt.toISOString(), to: input.dueAt.toISOString() } });
    await tellResident(tx, { caseId: c.id, reference: c.reference, residentId: c.residentId, notice: "extended", serviceTitle: def.title, expectedBy });
  });
}

/** The back office asks the front office to do something for the resident ("bel de bewoner", "maak een afspraak"). */
export async function requestFrontOfficeTask(actor: CurrentUser, reference: string, input: { kind: TaskKind; note?: string; dueAt?: Date | null }) {
  return db.transaction(async (tx) => {
    const { c } = await lockForWork(tx, actor, reference);
    open(c);
    // A case filed at the counter goes back to the agent who filed it; otherwise to the whole front office.
    const assigneeId = c.createdById !== c.residentId ? c.createdById : null;
    return createTask(tx, { caseId: c.id, kind: input.kind, note: input.note, dueAt: input.dueAt ?? null, createdById: actor.id, assigneeId });
  });
}

/** Names for ids found in event data (assignees, teams), for the staff timeline. */
export async function namesFor(ids: string[]) {
  const uniq = [...new Set(ids.filter((x) => /^[0-9a-f-]{36}$/i.test(x)))];
  if (!uniq.length) return {} as Record<string, string>;
  const [u, t] = await Promise.all([personNames(uniq, db), teamNames(uniq, db)]);
  return Object.fromEntries([...u, ...t]);
}
