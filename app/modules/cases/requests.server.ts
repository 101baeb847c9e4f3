import { and, eq, isNull, sql } from "drizzle-orm";
import { caseDrafts, caseFiles, caseSequences, cases, type CaseChannel } from "../../../db/schema";
import type { CurrentUser } from "~/modules/identity/users.server";
import { assertAssurance, stepUpFor } from "~/modules/identity/assurance.server";
import { DomainError } from "~/modules/platform/errors";
import { db, type Tx } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import { initialDueAt, referenceFor, yearInBrussels } from "./clock";
import { statusOf, type FileRef } from "./definitions";
import { definitionByServiceId, definitionBySlug, listRequestable, type LoadedDefinition } from "./definitions.server";
import { appendCaseEvent } from "./events.server";
import { inputFor, schemaForFields, valuesFromAnswers } from "./form-schema";
import { tellResident } from "./notify.server";
import { fileStorage } from "./storage.server";
import { ALLOWED_TYPES, type Upload } from "./uploads.server";

/** Filing a request: the form in steps, kept as a draft, then submitted as one case. */

const E = (k: string) => `cases:errors.${k}`;

function requireResident(actor: CurrentUser) {
  if (!actor.roles.includes("resident")) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
}

export async function requireDefinition(slug: string) {
  const def = await definitionBySlug(slug);
  if (!def) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  return def;
}

async function draftFor(actorId: string, serviceId: string) {
  const [draft] = await db
    .select()
    .from(caseDrafts)
    .where(and(eq(caseDrafts.residentId, actorId), eq(caseDrafts.serviceId, serviceId)));
  return draft;
}

/** The form of one step with what the resident filled in earlier (their draft). */
export async function loadRequestStep(actor: CurrentUser, slug: string, step: number) {
  requireResident(actor);
  const def = await requireDefinition(slug);
  const draft = await draftFor(actor.id, def.serviceId);
  const stepsDone = draft?.stepsDone ?? 0;
  // Steps are filled in order; a later step than the next one is not reachable yet.
  const index = Math.min(Math.max(0, step), stepsDone, def.form.steps.length - 1);
  const fields = def.form.steps[index].fields;
  const answers = draft?.answers ?? {};
  const files = Object.fromEntries(fields.filter((f) => f.type === "file").map((f) => [f.name, (answers[f.name] as FileRef | null) ?? null]));
  return { def, step: index, stepsDone, hasDraft: !!draft, values: valuesFromAnswers(fields, answers), files };
}

export type StepResult = { ok: true; next: "step" | "check"; step: number } | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

function safeFilename(name: string, contentType: string) {
  const base =
    name
      .replace(/\.[A-Za-z0-9]{1,8}$/, "")
      .replace(/[^\p{L}\p{N} ._-]/gu, "_")
      .slice(0, 150) || "bestand";
  return `${base}.${ALLOWED_TYPES[contentType]}`;
}

/** Stores checked uploads for a draft or a case; returns one reference per field and errors for refused files. */
export async function storeUploads(tx: Tx, actor: CurrentUser, uploads: Upload[], target: { draftId?: string; caseId?: string; messageId?: string }, allowedFields: Set<string>) {
  const refs: Record<string, FileRef> = {};
  const errors: FieldErrors = {};
  for (const u of uploads) {
    if (!allowedFields.has(u.field)) continue;
    if (u.problem === "tooLarge") errors[u.field] = E("fileTooLarge");
    else if (u.problem === "type" || !u.bytes || !u.contentType) errors[u.field] = E("fileType");
    else {
      const key = await fileStorage().put(u.bytes, tx);
      const [row] = await tx
        .insert(caseFiles)
        .values({
          ownerId: actor.id,
          uploadedById: actor.id,
          ...target,
          field: u.field,
          filename: safeFilename(u.filename, u.contentType),
          contentType: u.contentType,
          size: u.bytes.byteLength,
          storageKey: key,
        })
        .returning();
      refs[u.field] = { id: row.id, filename: row.filename, size: row.size, contentType: row.contentType };
    }
  }
  return { refs, errors };
}

/**
 * Validates one step against the schema derived from the definition and saves it in the
 * resident's draft. On errors nothing is saved and the typed values come back.
 */
export async function saveRequestStep(
  actor: CurrentUser,
  slug: string,
  step: number,
  values: Record<string, string | string[]>,
  uploads: Upload[],
  mode: "next" | "draft" = "next",
): Promise<StepResult | { ok: true; next: "draft"; step: number }> {
  requireResident(actor);
  const def = await requireDefinition(slug);
  const stepDef = def.form.steps[step];
  if (!stepDef) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const fileFields = new Set(stepDef.fields.filter((f) => f.type === "file").map((f) => f.name));
  const { password: _pw, ...safeValues } = values;

  return db.transaction(async (tx) => {
    await tx.insert(caseDrafts).values({ residentId: actor.id, serviceId: def.serviceId }).onConflictDoNothing();
    const [draft] = await tx
      .select()
      .from(caseDrafts)
      .where(and(eq(caseDrafts.residentId, actor.id), eq(caseDrafts.serviceId, def.serviceId)))
      .for("update");
    if (step > draft.stepsDone) throw new DomainError("INVALID_STATE", "cases:errors.stepOrder");
    const earlier = Object.fromEntries([...fileFields].map((f) => [f, draft.answers[f] ?? null]));
    const stored = await storeUploads(tx, actor, uploads, { draftId: draft.id }, fileFields);
    const files = { ...earlier, ...stored.refs };
    for (const f of fileFields) if (values[`${f}.remove`] === "yes" && !stored.refs[f]) files[f] = null;
    const parsed = schemaForFields(stepDef.fields).safeParse(inputFor(stepDef.fields, values, files));
    const errors: FieldErrors = { ...stored.errors };
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "_form");
        errors[field] ??= issue.message.startsWith("cases:") ? issue.message : E("invalid");
      }
    if (mode === "draft") {
      // "Save and continue later": keep every answer that is valid now, finish the step later.
      const partial: Record<string, unknown> = { ...stored.refs };
      for (const f of stepDef.fields) {
        if (f.type === "file") continue;
        const one = schemaForFields([f]).safeParse(inputFor([f], values));
        if (one.success && one.data[f.name] !== null && one.data[f.name] !== "") partial[f.name] = one.data[f.name];
      }
      await tx
        .update(caseDrafts)
        .set({ answers: { ...draft.answers, ...partial }, updatedAt: new Date() })
        .where(eq(caseDrafts.id, draft.id));
      return { ok: true as const, next: "draft" as const, step };
    }
    if (Object.keys(errors).length) {
      // Good files of a refused post stay with the draft, so the resident need not pick them again.
      if (Object.keys(stored.refs).length)
        await tx
          .update(caseDrafts)
          .set({ answers: { ...draft.answers, ...stored.refs }, updatedAt: new Date() })
          .where(eq(caseDrafts.id, draft.id));
      return { ok: false as const, errors, values: safeValues };
    }
    const answers = { ...draft.answers, ...(parsed.data as Record<string, unknown>) };
    const stepsDone = Math.max(draft.stepsDone, step + 1);
    await tx.update(caseDrafts).set({ answers, stepsDone, updatedAt: new Date() }).where(eq(caseDrafts.id, draft.id));
    const last = def.form.steps.length - 1;
    return step >= last || stepsDone > last ? { ok: true as const, next: "check" as const, step } : { ok: true as const, next: "step" as const, step: step + 1 };
  });
}

/** The "Controleer uw antwoorden" page: every answer of a finished draft. */
export async function loadRequestCheck(actor: CurrentUser, slug: string) {
  requireResident(actor);
  const def = await requireDefinition(slug);
  const draft = await draftFor(actor.id, def.serviceId);
  if (!draft || draft.stepsDone < def.form.steps.length) return { def, ready: false as const, stepsDone: draft?.stepsDone ?? 0 };
  // A session below the service's level is asked to log in with itsme/eID; the draft stays.
  return { def, ready: true as const, answers: draft.answers, stepUp: stepUpFor(actor, def.requiredAssurance, `/aanvragen/${def.slug}/controleren`) };
}

export async function discardDraft(actor: CurrentUser, slug: string) {
  requireResident(actor);
  const def = await requireDefinition(slug);
  await db.transaction(async (tx) => {
    const files = await tx
      .select({ key: caseFiles.storageKey })
      .from(caseFiles)
      .innerJoin(caseDrafts, eq(caseDrafts.id, caseFiles.draftId))
      .where(and(eq(caseDrafts.residentId, actor.id), eq(caseDrafts.serviceId, def.serviceId), isNull(caseFiles.caseId)));
    for (const f of files) await fileStorage().remove(f.key, tx);
    await tx
      .delete(caseFiles)
      .where(and(sql`${caseFiles.draftId} in (select id from case_drafts where resident_id = ${actor.id} and service_id = ${def.serviceId})`, isNull(caseFiles.caseId)));
    await tx.delete(caseDrafts).where(and(eq(caseDrafts.residentId, actor.id), eq(caseDrafts.serviceId, def.serviceId)));
  });
}

/** The resident's drafts, to resume them from Mijn dossiers. */
export async function listMyDrafts(actor: CurrentUser) {
  const rows = await db
    .select({ serviceId: caseDrafts.serviceId, updatedAt: caseDrafts.updatedAt, stepsDone: caseDrafts.stepsDone })
    .from(caseDrafts)
    .where(eq(caseDrafts.residentId, actor.id));
  const out = [];
  for (const r of rows) {
    const def = await definitionByServiceId(r.serviceId);
    if (def)
      out.push({
        slug: def.slug,
        title: def.title,
        updatedAt: r.updatedAt,
        href: r.stepsDone >= def.form.steps.length ? `/aanvragen/${def.slug}/controleren` : `/aanvragen/${def.slug}?stap=${r.stepsDone + 1}`,
      });
  }
  return out;
}

async function nextReference(tx: Tx) {
  const year = yearInBrussels();
  // The row lock of the upsert serialises concurrent submissions: no number twice, none skipped.
  const [row] = await tx
    .insert(caseSequences)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: caseSequences.year, set: { last: sql`${caseSequences.last} + 1` } })
    .returning({ last: caseSequences.last });
  return referenceFor(year, row.last);
}

export type NewCase = {
  actor: CurrentUser;
  def: LoadedDefinition;
  residentId: string;
  channel: CaseChannel;
  answers: Record<string, unknown>;
  idempotencyKey: string;
  draftId?: string;
};

/**
 * Creates one case from any channel. The idempotency key makes a double click or a retry
 * return the first case: an advisory lock on the key serialises twins, the unique index backs it up.
 */
export async function createCase(tx: Tx, input: NewCase): Promise<{ reference: string; created: boolean }> {
  const { actor, def } = input;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`case:${actor.id}:${input.idempotencyKey}`}, 0))`);
  const [existing] = await tx
    .select({ reference: cases.reference })
    .from(cases)
    .where(and(eq(cases.createdById, actor.id), eq(cases.idempotencyKey, input.idempotencyKey)));
  if (existing) return { reference: existing.reference, created: false };

  // Answers arrive already typed (from a checked draft or a staff form): required ones must be there.
  const missing = def.form.steps
    .flatMap((s) => s.fields)
    .filter((f) => f.required && (input.answers[f.name] === undefined || input.answers[f.name] === null || input.answers[f.name] === ""));
  if (missing.length) throw new DomainError("VALIDATION", "cases:errors.incomplete", { fields: missing.map((f) => f.name) });

  const now = new Date();
  const reference = await nextReference(tx);
  const initial = statusOf(def.statusModel, "ontvangen")!;
  const [row] = await tx
    .insert(cases)
    .values({
      reference,
      serviceId: def.serviceId,
      residentId: input.residentId,
      createdById: actor.id,
      channel: input.channel,
      teamId: def.teamId,
      status: initial.key,
      answers: input.answers,
      idempotencyKey: input.idempotencyKey,
      submittedAt: now,
      dueAt: initialDueAt(now, def.statusModel.normDays),
      lastChangeAt: now,
    })
    .returning({ id: cases.id });
  await appendCaseEvent(tx, { caseId: row.id, actorId: actor.id, type: "submitted", data: { channel: input.channel, status: initial.key } });
  await appendCaseEvent(tx, { caseId: row.id, actorId: null, type: "routed", data: { teamId: def.teamId } });
  if (input.draftId) {
    await tx
      .update(caseFiles)
      .set({ caseId: row.id })
      .where(and(eq(caseFiles.draftId, input.draftId), isNull(caseFiles.caseId)));
    await tx.delete(caseDrafts).where(eq(caseDrafts.id, input.draftId));
  }
  await tellResident(tx, { caseId: row.id, reference, residentId: input.residentId, notice: "received", serviceTitle: def.title });
  return { reference, created: true };
}

/** Submits the resident's finished draft as a case (status "Ontvangen", routed to the service's team). */
export async function submitRequest(actor: CurrentUser, slug: string, idempotencyKey: string) {
  requireResident(actor);
  const def = await requireDefinition(slug);
  assertAssurance(actor, def.requiredAssurance);
  if (!/^[A-Za-z0-9-]{8,100}$/.test(idempotencyKey)) throw new DomainError("VALIDATION", "cases:errors.invalid");
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`case:${actor.id}:${idempotencyKey}`}, 0))`);
    const [done] = await tx
      .select({ reference: cases.reference })
      .from(cases)
      .where(and(eq(cases.createdById, actor.id), eq(cases.idempotencyKey, idempotencyKey)));
    if (done) return { reference: done.reference, created: false };
    const [draft] = await tx
      .select()
      .from(caseDrafts)
      .where(and(eq(caseDrafts.residentId, actor.id), eq(caseDrafts.serviceId, def.serviceId)))
      .for("update");
    if (!draft || draft.stepsDone < def.form.steps.length) throw new DomainError("INVALID_STATE", "cases:errors.incomplete");
    return createCase(tx, { actor, def, residentId: actor.id, channel: "web", answers: draft.answers, idempotencyKey, draftId: draft.id });
  });
}

/** The services a resident can request online, for the /aanvragen list. */
export async function listOnlineServices() {
  const defs = await listRequestable();
  return defs.map((d) => ({ slug: d.slug, title: d.title, summary: d.summary, translations: d.translations, steps: d.form.steps.length }));
}
