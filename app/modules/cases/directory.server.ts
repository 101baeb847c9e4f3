import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { caseFiles, cases } from "../../../db/schema";
import { servicesView } from "~/modules/catalog/directory.server";
import { peopleView } from "~/modules/identity/directory.server";
import { db, type DbOrTx, type Tx } from "~/utils/db.server";
import { appendCaseEvent } from "./events.server";

/**
 * What cases offers the other contexts (docs/decisions/017-cross-context-reads.md): cases read
 * through these functions, never through the `cases`, `case_events` or `case_files` tables.
 * Contacts (the front office) uses them for the 360° view and for intake on a resident's behalf.
 */
const service = servicesView("service");
const resident = peopleView("resident");

/** A case's id and resident by its reference (undefined when unknown). */
export async function findCase(reference: string, conn: DbOrTx) {
  const [c] = await conn.select({ id: cases.id, residentId: cases.residentId }).from(cases).where(eq(cases.reference, reference));
  return c;
}

/** The answers of a resident's latest requests, newest first. */
export async function latestAnswersOf(residentId: string, limit: number) {
  return db.select({ serviceId: cases.serviceId, answers: cases.answers }).from(cases).where(eq(cases.residentId, residentId)).orderBy(desc(cases.submittedAt)).limit(limit);
}

/** Links uploaded files to the case with this reference (intake on behalf). */
export async function attachFilesToCase(tx: Tx, reference: string, fileIds: string[]) {
  if (!fileIds.length) return;
  const [c] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference));
  await tx.update(caseFiles).set({ caseId: c.id }).where(inArray(caseFiles.id, fileIds));
}

/** "Identity checked at the counter": the agent saw the resident's identity card (decision 009). */
export async function recordIdentityCheckedAtCounter(tx: Tx, reference: string, actorId: string) {
  const [c] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference));
  await appendCaseEvent(tx, { caseId: c.id, actorId, type: "identity-checked", data: { method: "counter" } });
}

/** One case of this resident with its service title and the resident's contact choices (for the intake confirmation). */
export async function caseWithResident(reference: string, residentId: string) {
  const [row] = await db
    .select({
      reference: cases.reference,
      submittedAt: cases.submittedAt,
      channel: cases.channel,
      status: cases.status,
      serviceTitle: service.title,
      residentId: resident.id,
      residentName: resident.name,
      email: resident.email,
      preferredChannel: resident.preferredChannel,
      preferredLanguage: resident.preferredLanguage,
    })
    .from(cases)
    .innerJoin(service, eq(service.id, cases.serviceId))
    .innerJoin(resident, eq(resident.id, cases.residentId))
    .where(and(eq(cases.reference, reference), eq(cases.residentId, residentId)));
  return row;
}

/** Every case this person filed for someone else (at the desk, by phone or from an e-mail), latest change first. */
export async function casesFiledForOthers(creatorId: string, limit: number) {
  return db
    .select({
      reference: cases.reference,
      serviceId: cases.serviceId,
      serviceTitle: service.title,
      residentId: cases.residentId,
      residentName: resident.name,
      channel: cases.channel,
      status: cases.status,
      submittedAt: cases.submittedAt,
      lastChangeAt: cases.lastChangeAt,
      closedAt: cases.closedAt,
      waiting: sql<boolean>`${cases.waitingSince} is not null`,
    })
    .from(cases)
    .innerJoin(service, eq(service.id, cases.serviceId))
    .innerJoin(resident, eq(resident.id, cases.residentId))
    .where(and(eq(cases.createdById, creatorId), ne(cases.residentId, creatorId)))
    .orderBy(desc(cases.lastChangeAt))
    .limit(limit);
}

/** The resident of the case with this reference, when that person is a resident. */
export async function residentOfCase(reference: string) {
  const [row] = await db
    .select({ id: resident.id, name: resident.name, email: resident.email, phone: resident.phone, claimedAt: resident.claimedAt, reference: cases.reference })
    .from(cases)
    .innerJoin(resident, eq(resident.id, cases.residentId))
    .where(and(eq(cases.reference, reference), sql`${resident.roles} @> '{resident}'::text[]`));
  return row;
}
