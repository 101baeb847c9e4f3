import { caseTasks } from "../../../db/schema";
import { findPerson } from "~/modules/identity/directory.server";
import { enqueueMail } from "~/modules/notify/outbox.server";
import type { Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { fixedT } from "~/utils/i18next.server";
import { brusselsFormat } from "~/utils/brussels-format";

export type ResidentNotice = "received" | "status" | "message" | "question" | "extended";

/** The front office gets two days to call or write (the memorandum names no norm; a demo value). */
const CONTACT_TASK_DAYS = 2;

/**
 * Tells the resident about their case on the channel they chose: an e-mail in their
 * language through the outbox, or a task for the front office to call or write when
 * they prefer paper or phone (or have no e-mail address). Runs in the change's transaction.
 */
export async function tellResident(
  tx: Tx,
  input: {
    caseId: string;
    reference: string;
    residentId: string;
    notice: ResidentNotice;
    serviceTitle: string;
    statusText?: Record<string, string>;
    expectedBy?: Date;
    reason?: string;
  },
) {
  const resident = await findPerson(input.residentId, tx);
  if (!resident) return;
  if (resident.preferredChannel === "paper" || !resident.email) {
    await tx.insert(caseTasks).values({
      caseId: input.caseId,
      kind: "contact-resident",
      dueAt: new Date(Date.now() + CONTACT_TASK_DAYS * 86_400_000),
      data: { notice: input.notice, reference: input.reference, language: resident.preferredLanguage, ...(input.expectedBy ? { expectedBy: input.expectedBy.toISOString() } : {}) },
    });
    return "task" as const;
  }
  const lng = resident.preferredLanguage;
  // The deadline extension belongs to the back office; its mail text lives in that namespace.
  const t = fixedT(lng, input.notice === "extended" ? "backoffice" : "cases");
  // A decision with its reason gets the mail that shows both (plain text, as the staff member wrote it).
  const template = input.notice === "status" && input.reason ? "decision" : input.notice;
  const params = {
    name: resident.name,
    reference: input.reference,
    service: input.serviceTitle,
    status: input.statusText ? (input.statusText[lng] ?? input.statusText.nl) : "",
    url: `${env().PUBLIC_URL}/mijn/dossiers/${input.reference}`,
    date: input.expectedBy ? brusselsFormat(lng, "longDate").format(input.expectedBy) : "",
    reason: input.reason ?? "",
  };
  await enqueueMail(
    { to: resident.email, subject: t(`mail.${template}.subject`, params), text: t(`mail.${template}.body`, params), template: `case-${template}`, language: lng },
    tx,
  );
  return "mail" as const;
}
