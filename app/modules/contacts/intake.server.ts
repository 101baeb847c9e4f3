import { attachFilesToCase, casesFiledForOthers, caseWithResident, recordIdentityCheckedAtCounter } from "~/modules/cases/directory.server";
import { createResident } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { definitionBySlug, listRequestable } from "~/modules/cases/definitions.server";
import { allFields, inputFor, schemaForForm } from "~/modules/cases/form-schema";
import { createCase, storeUploads } from "~/modules/cases/requests.server";
import type { Upload } from "~/modules/cases/uploads.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { findUserByEmail } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { fixedT } from "~/utils/i18next.server";
import type { FieldErrors } from "~/utils/forms";
import type { NewResidentInput } from "./intake-schema";
import { caseStatusText } from "./case-status.server";
import { assertCanViewResidents } from "./resident-search.server";
import { loadResident } from "./timeline.server";

/**
 * Intake on behalf of a resident: the agent fills the same request forms as residents do
 * online, and may first make a resident record for someone without an account.
 */

/**
 * A resident record without login (claimedAt stays empty). With an e-mail address the
 * person can later claim it by logging in with a code sent to that address.
 */
export async function createResidentRecord(actor: CurrentUser, input: NewResidentInput): Promise<{ ok: true; id: string } | { ok: false; errors: FieldErrors }> {
  assertCanViewResidents(actor);
  const email = input.email ? input.email.toLowerCase() : null;
  if (email && (await findUserByEmail(email))) return { ok: false, errors: { email: "contacts:errors.emailTaken" } };
  return db.transaction(async (tx) => {
    const row = await createResident(tx, {
      name: input.name,
      email,
      phone: input.phone || null,
      preferredLanguage: input.preferredLanguage,
      preferredChannel: input.preferredChannel,
    });
    // Someone registered the same address a moment ago.
    if (!row) return { ok: false as const, errors: { email: "contacts:errors.emailTaken" } };
    await recordAudit({ actorId: actor.id, action: "resident.record.created", subjectUserId: row.id, entityType: "user", entityId: row.id, details: { channel: "counter" } }, tx);
    return { ok: true as const, id: row.id };
  });
}

async function requireResident(residentId: string) {
  const person = await loadResident(residentId);
  if (!person) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  return person;
}

/** The services an agent can file for this resident. */
export async function intakeChoices(actor: CurrentUser, residentId: string) {
  assertCanViewResidents(actor);
  const person = await requireResident(residentId);
  const defs = await listRequestable();
  return { resident: { id: person.id, name: person.name }, services: defs.map((d) => ({ slug: d.slug, title: d.title, summary: d.summary })) };
}

/** The whole form of one service on one page (an agent does not need steps), for this resident. */
export async function loadIntakeForm(actor: CurrentUser, residentId: string, slug: string) {
  assertCanViewResidents(actor);
  const person = await requireResident(residentId);
  const def = await definitionBySlug(slug);
  if (!def) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  return { resident: { id: person.id, name: person.name, preferredChannel: person.preferredChannel, email: person.email }, def };
}

export type IntakeResult =
  { ok: true; reference: string; created: boolean; confirmation: "email" | "paper" } | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

/**
 * Files a request for the resident: validated against the same definition as online,
 * channel counter or phone, created by the agent. The resident's confirmation goes out
 * on their preferred channel (the receipt mail, or a printed page the agent hands over).
 */
export async function fileOnBehalf(
  actor: CurrentUser,
  input: {
    residentId: string;
    slug: string;
    channel: "counter" | "phone";
    values: Record<string, string | string[]>;
    uploads: Upload[];
    idempotencyKey: string;
    identityChecked?: boolean;
  },
): Promise<IntakeResult> {
  const { resident, def } = await loadIntakeForm(actor, input.residentId, input.slug);
  if (!/^[A-Za-z0-9-]{8,100}$/.test(input.idempotencyKey)) throw new DomainError("VALIDATION", "cases:errors.invalid");
  const fields = allFields(def.form);
  const fileFields = new Set(fields.filter((f) => f.type === "file").map((f) => f.name));
  const { password: _pw, ...values } = input.values;

  try {
    return await db.transaction(async (tx) => {
      const stored = await storeUploads(tx, actor, input.uploads, {}, fileFields);
      const parsed = schemaForForm(def.form).safeParse(inputFor(fields, values, stored.refs));
      const errors: FieldErrors = { ...stored.errors };
      if (!parsed.success)
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? "_form");
          errors[field] ??= issue.message.startsWith("cases:") ? issue.message : "cases:errors.invalid";
        }
      // Roll back: files of a refused post would belong to no case.
      if (Object.keys(errors).length) throw new Refused(errors);
      const result = await createCase(tx, {
        actor,
        def,
        residentId: resident.id,
        channel: input.channel,
        answers: parsed.data as Record<string, unknown>,
        idempotencyKey: input.idempotencyKey,
      });
      const ids = Object.values(stored.refs).map((r) => r.id);
      if (result.created && ids.length) {
        await attachFilesToCase(tx, result.reference, ids);
      }
      // "Identity checked at the counter": the agent saw the resident's identity card (decision 009).
      if (result.created && input.identityChecked && input.channel === "counter") {
        await recordIdentityCheckedAtCounter(tx, result.reference, actor.id);
      }
      await recordAudit(
        { actorId: actor.id, action: "case.filed_on_behalf", subjectUserId: resident.id, entityType: "case", entityId: result.reference, details: { channel: input.channel } },
        tx,
      );
      const confirmation = resident.preferredChannel === "email" && resident.email ? ("email" as const) : ("paper" as const);
      return { ok: true as const, reference: result.reference, created: result.created, confirmation };
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, errors: err.errors, values };
    throw err;
  }
}

class Refused extends Error {
  constructor(readonly errors: FieldErrors) {
    super("refused");
  }
}

/** The confirmation of a case an agent filed, to read out or print for the resident. */
export async function intakeConfirmation(actor: CurrentUser, residentId: string, reference: string) {
  assertCanViewResidents(actor);
  const row = await caseWithResident(reference, residentId);
  if (!row) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  await db.transaction((tx) => recordAudit({ actorId: actor.id, action: "resident.case.viewed", subjectUserId: row.residentId, entityType: "case", entityId: row.reference }, tx));
  // The printed confirmation is in the resident's language, whatever the agent's screen shows.
  const t = fixedT(row.preferredLanguage, "contacts");
  const letter = { lang: row.preferredLanguage, title: t("intake.letterTitle"), body: t("intake.letterBody", { name: row.residentName, reference: row.reference }) };
  return { ...row, letter, confirmation: row.preferredChannel === "email" && row.email ? ("email" as const) : ("paper" as const) };
}

/** The cases this agent filed at the counter or by phone, with where they stand now. */
export async function casesFiledBy(actor: CurrentUser, lng = "nl", limit = 100) {
  assertCanViewResidents(actor);
  const rows = await casesFiledForOthers(actor.id, limit);
  return Promise.all(rows.map(async ({ serviceId, ...r }) => ({ ...r, statusText: await caseStatusText(serviceId, r.status, lng) })));
}
