import { and, asc, desc, eq, sql } from "drizzle-orm";
import { caseDrafts, caseEvents, caseFiles, caseMessages, cases } from "../../../db/schema";
import { servicesView } from "~/modules/catalog/directory.server";
import { findPerson } from "~/modules/identity/directory.server";
import { auditTrailFor } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { expectedCompletion, resumedDueAt } from "./clock";
import { statusOf } from "./definitions";
import { definitionByServiceId } from "./definitions.server";
import { residentNoteOf, storedTypeOf } from "./events";
import { appendCaseEvent, caseEventsOf, typedRow } from "./events.server";
import { storeUploads } from "./requests.server";
import { fileStorage } from "./storage.server";
import type { Upload } from "./uploads.server";

/** "Mijn dossiers": what a resident sees of their own cases. Every query is scoped to the actor. */

/** Service names through the catalogue's read-only join helper (decision 017). */
const services = servicesView("service");

const notFound = () => new DomainError("NOT_FOUND", "common:errors.notFound.title");

export async function listMyCases(actor: CurrentUser) {
  const rows = await db
    .select({
      reference: cases.reference,
      serviceId: cases.serviceId,
      serviceTitle: services.title,
      serviceTranslations: services.translations,
      status: cases.status,
      submittedAt: cases.submittedAt,
      lastChangeAt: cases.lastChangeAt,
      dueAt: cases.dueAt,
      waitingSince: cases.waitingSince,
      closedAt: cases.closedAt,
    })
    .from(cases)
    .innerJoin(services, eq(services.id, cases.serviceId))
    .where(eq(cases.residentId, actor.id))
    .orderBy(sql`(${cases.closedAt} is not null)`, desc(cases.lastChangeAt))
    .limit(500);
  const now = new Date();
  return Promise.all(
    rows.map(async (r) => {
      const def = await definitionByServiceId(r.serviceId);
      return {
        reference: r.reference,
        serviceTitle: r.serviceTitle,
        serviceTranslations: r.serviceTranslations,
        status: r.status,
        statusText: def ? statusOf(def.statusModel, r.status)?.text : undefined,
        actionNeeded: !!r.waitingSince,
        open: !r.closedAt,
        submittedAt: r.submittedAt,
        lastChangeAt: r.lastChangeAt,
        expectedBy: expectedCompletion(r, now),
      };
    }),
  );
}

async function myCase(actor: CurrentUser, reference: string) {
  if (!/^MEC-\d{4}-\d{6}$/.test(reference)) throw notFound();
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.reference, reference), eq(cases.residentId, actor.id)));
  if (!row) throw notFound();
  return row;
}

/** One case as its resident sees it: resident-visible timeline, answers, files, messages, what they can do. */
export async function getMyCase(actor: CurrentUser, reference: string) {
  const c = await myCase(actor, reference);
  const def = await definitionByServiceId(c.serviceId);
  const [events, messages, files] = await Promise.all([
    db
      .select({ at: caseEvents.at, type: caseEvents.type, data: caseEvents.data })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.visibility, "resident")))
      .orderBy(asc(caseEvents.at), asc(caseEvents.id))
      .then((rows) => rows.map(typedRow)),
    db.select().from(caseMessages).where(eq(caseMessages.caseId, c.id)).orderBy(asc(caseMessages.at)),
    db
      .select({ id: caseFiles.id, filename: caseFiles.filename, size: caseFiles.size, field: caseFiles.field, messageId: caseFiles.messageId })
      .from(caseFiles)
      .where(eq(caseFiles.caseId, c.id))
      .orderBy(asc(caseFiles.createdAt)),
  ]);
  const status = def ? statusOf(def.statusModel, c.status) : undefined;
  // The open question is the last one the resident has not answered yet (a clock stopped by hand has none).
  const lastQuestion = messages.findLastIndex((m) => m.kind === "question");
  const answeredSince = lastQuestion >= 0 && messages.slice(lastQuestion + 1).some((m) => !m.fromStaff);
  const openQuestion = c.waitingSince && lastQuestion >= 0 && !answeredSince ? messages[lastQuestion] : undefined;
  return {
    reference: c.reference,
    def,
    status: c.status,
    statusText: status?.text,
    result: c.result,
    open: !c.closedAt,
    submittedAt: c.submittedAt,
    lastChangeAt: c.lastChangeAt,
    closedAt: c.closedAt,
    expectedBy: expectedCompletion(c),
    normIsDemo: def?.statusModel.normIsDemo ?? true,
    answers: c.answers,
    events: events.map((e) => ({ ...e, statusText: e.type === "status-changed" && def ? statusOf(def.statusModel, e.data.to)?.text : undefined, note: residentNoteOf(e) })),
    /** The reason the city gave with its decision (plain text; the page escapes it). */
    decisionReason: c.closedAt
      ? (events.flatMap((e) => (e.type === "status-changed" && e.data.result !== undefined && e.data.note !== undefined ? [e.data.note] : [])).at(-1) ?? null)
      : null,
    messages: messages.map((m) => ({ id: m.id, at: m.at, fromStaff: m.fromStaff, kind: m.kind, body: m.body, files: files.filter((f) => f.messageId === m.id) })),
    files: files.filter((f) => !f.messageId),
    openQuestion: openQuestion ? { body: openQuestion.body, at: openQuestion.at } : null,
    canWithdraw: !c.closedAt && !!status?.withdrawable,
    canRate: !!c.closedAt && c.result !== "ingetrokken" && c.satisfactionScore === null,
    satisfaction: c.satisfactionScore === null ? null : { score: c.satisfactionScore, comment: c.satisfactionComment },
  };
}

/**
 * The resident writes to the team, with files if they like. When the city was waiting for
 * them, this is their answer: the clock runs again and the expected date moves by the wait.
 */
export async function replyToCase(actor: CurrentUser, reference: string, body: string, uploads: Upload[]) {
  const c = await myCase(actor, reference);
  if (c.closedAt) throw new DomainError("INVALID_STATE", "cases:errors.closed");
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(cases).where(eq(cases.id, c.id)).for("update");
    const answering = !!locked.waitingSince;
    const [msg] = await tx
      .insert(caseMessages)
      .values({ caseId: c.id, authorId: actor.id, fromStaff: false, kind: answering ? "answer" : "message", body })
      .returning();
    const stored = await storeUploads(tx, actor, uploads, { caseId: c.id, messageId: msg.id }, new Set(["files"]));
    const refused = Object.values(stored.errors)[0];
    if (refused) throw new DomainError("VALIDATION", refused);
    const now = new Date();
    await tx
      .update(cases)
      // The resident's change makes any staff form built on the old version stale.
      .set({ version: sql`${cases.version} + 1`, lastChangeAt: now, ...(answering ? { waitingSince: null, dueAt: resumedDueAt(locked.dueAt, locked.waitingSince!, now) } : {}) })
      .where(eq(cases.id, c.id));
    await appendCaseEvent(tx, {
      caseId: c.id,
      actorId: actor.id,
      type: answering ? "info-provided" : "message",
      data: { messageId: msg.id, files: Object.keys(stored.refs).length },
    });
    return { answered: answering, files: Object.values(stored.refs) };
  });
}

/** Pre-checks uploads so a refused file gives a form error instead of a rollback. */
export function uploadErrors(uploads: Upload[]) {
  const u = uploads.find((x) => x.problem);
  return u ? (u.problem === "tooLarge" ? "cases:errors.fileTooLarge" : "cases:errors.fileType") : undefined;
}

export async function withdrawCase(actor: CurrentUser, reference: string) {
  const c = await myCase(actor, reference);
  const def = await definitionByServiceId(c.serviceId);
  await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(cases).where(eq(cases.id, c.id)).for("update");
    const status = def && statusOf(def.statusModel, locked.status);
    if (locked.closedAt || !status?.withdrawable || !status.next.includes("ingetrokken")) throw new DomainError("INVALID_STATE", "cases:errors.cannotWithdraw");
    const now = new Date();
    await tx
      .update(cases)
      .set({ version: sql`${cases.version} + 1`, status: "ingetrokken", result: "ingetrokken", subStatus: null, closedAt: now, waitingSince: null, lastChangeAt: now })
      .where(eq(cases.id, c.id));
    await appendCaseEvent(tx, { caseId: c.id, actorId: actor.id, type: "status-changed", data: { from: locked.status, to: "ingetrokken", result: "ingetrokken", by: "resident" } });
  });
}

export async function rateCase(actor: CurrentUser, reference: string, score: number, comment: string | undefined) {
  const c = await myCase(actor, reference);
  await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(cases).where(eq(cases.id, c.id)).for("update");
    if (!locked.closedAt || locked.result === "ingetrokken" || locked.satisfactionScore !== null) throw new DomainError("INVALID_STATE", "cases:errors.cannotRate");
    await tx
      .update(cases)
      .set({ satisfactionScore: score, satisfactionComment: comment || null })
      .where(eq(cases.id, c.id));
    await appendCaseEvent(tx, { caseId: c.id, actorId: actor.id, type: "rated", data: { score } });
  });
}

/**
 * A file for download, only when it belongs to one of the actor's cases or drafts.
 * Any other id (someone else's file, a made-up one) is simply "not found".
 */
export async function getMyFile(actor: CurrentUser, fileId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw notFound();
  const [f] = await db
    .select({ filename: caseFiles.filename, contentType: caseFiles.contentType, storageKey: caseFiles.storageKey })
    .from(caseFiles)
    .leftJoin(cases, eq(cases.id, caseFiles.caseId))
    .leftJoin(caseDrafts, eq(caseDrafts.id, caseFiles.draftId))
    .where(and(eq(caseFiles.id, fileId), sql`(${cases.residentId} = ${actor.id} or (${caseFiles.caseId} is null and ${caseDrafts.residentId} = ${actor.id}))`));
  if (!f) throw notFound();
  const bytes = await fileStorage().get(f.storageKey);
  if (!bytes) throw notFound();
  return { ...f, bytes };
}

/** Everything the portal keeps about the resident, as one JSON document. */
export async function exportMyData(actor: CurrentUser) {
  const person = await findPerson(actor.id, db);
  const me = person && {
    name: person.name,
    email: person.email,
    phone: person.phone,
    preferredLanguage: person.preferredLanguage,
    preferredChannel: person.preferredChannel,
    createdAt: person.createdAt,
  };
  const mine = await db.select().from(cases).where(eq(cases.residentId, actor.id)).orderBy(asc(cases.submittedAt));
  const out = [];
  for (const c of mine) {
    const [events, messages, files] = await Promise.all([
      // Exported as stored: a legacy row keeps its own type and data.
      caseEventsOf(db, c.id, { residentOnly: true }).then((rows) => rows.map((e) => ({ at: e.at, type: storedTypeOf(e), data: e.data }))),
      db
        .select({ at: caseMessages.at, fromStaff: caseMessages.fromStaff, kind: caseMessages.kind, body: caseMessages.body })
        .from(caseMessages)
        .where(eq(caseMessages.caseId, c.id))
        .orderBy(asc(caseMessages.at)),
      db
        .select({ id: caseFiles.id, filename: caseFiles.filename, contentType: caseFiles.contentType, size: caseFiles.size, createdAt: caseFiles.createdAt })
        .from(caseFiles)
        .where(eq(caseFiles.caseId, c.id)),
    ]);
    const svc = await definitionByServiceId(c.serviceId);
    out.push({
      reference: c.reference,
      service: svc?.slug ?? c.serviceId,
      channel: c.channel,
      status: c.status,
      result: c.result,
      submittedAt: c.submittedAt,
      closedAt: c.closedAt,
      answers: c.answers,
      satisfaction: c.satisfactionScore === null ? null : { score: c.satisfactionScore, comment: c.satisfactionComment },
      timeline: events,
      messages,
      files: files.map((f) => ({ ...f, download: `/mijn/dossiers/${c.reference}/bestanden/${f.id}` })),
    });
  }
  const drafts = await db
    .select({ serviceId: caseDrafts.serviceId, answers: caseDrafts.answers, updatedAt: caseDrafts.updatedAt })
    .from(caseDrafts)
    .where(and(eq(caseDrafts.residentId, actor.id)));
  const access = await auditTrailFor(actor.id, 1000);
  return { exportedAt: new Date().toISOString(), person: me, cases: out, drafts, staffAccess: access };
}
