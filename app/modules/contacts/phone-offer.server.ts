import { latestAnswersOf } from "~/modules/cases/directory.server";
import { findPerson, setPhone } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { definitionByServiceId } from "~/modules/cases/definitions.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { assertCanViewResidents } from "./resident-search.server";

/**
 * The 360° view offers a phone number the resident gave in a request for their profile
 * (issue 15.4): the front office confirms with one click, and the change is audited. Only a
 * number from the resident's own requests can be saved this way.
 */

const RECENT_CASES = 20;

/** Phone numbers the resident typed in their latest requests, newest first, without repeats. */
export async function phonesFromRequests(residentId: string) {
  const rows = await latestAnswersOf(residentId, RECENT_CASES);
  const out: string[] = [];
  for (const r of rows) {
    const def = await definitionByServiceId(r.serviceId);
    if (!def) continue;
    for (const f of def.form.steps.flatMap((s) => s.fields)) {
      const v = f.type === "phone" ? r.answers[f.name] : undefined;
      if (typeof v === "string" && v.trim() && !out.includes(v.trim())) out.push(v.trim());
    }
  }
  return out;
}

/** The number to offer on the 360° view: only when the profile has none. */
export async function phoneOffer(resident: { id: string; phone: string | null }) {
  if (resident.phone) return null;
  return (await phonesFromRequests(resident.id))[0] ?? null;
}

/** Saves an offered number to the profile (front office or admin), with an audit row. */
export async function savePhoneFromRequest(actor: CurrentUser, residentId: string, phone: string) {
  assertCanViewResidents(actor);
  const person = await findPerson(residentId, db);
  if (!person || !person.roles.includes("resident")) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  if (person.phone) throw new DomainError("CONFLICT", "contacts:errors.phoneAlreadySet");
  if (!(await phonesFromRequests(person.id)).includes(phone.trim())) throw new DomainError("VALIDATION", "contacts:errors.phoneNotOffered");
  await db.transaction(async (tx) => {
    await setPhone(tx, person.id, phone.trim());
    await recordAudit({ actorId: actor.id, action: "resident.phone-saved-from-request", subjectUserId: person.id, entityType: "user", entityId: person.id, details: {} }, tx);
  });
}
