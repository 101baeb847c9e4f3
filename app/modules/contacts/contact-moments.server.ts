import { contactMomentArticles, contactMoments } from "../../../db/schema";
import { findTicket, giveTicketResident } from "~/modules/counter/directory.server";
import { findCase } from "~/modules/cases/directory.server";
import { publishedArticlesBySlugs } from "~/modules/knowledge/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { currentTicket } from "~/modules/counter/queue.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import type { FieldErrors } from "~/utils/forms";
import type { ContactMomentInput } from "./contact-moment-schema";
import { assertCanViewResidents } from "./resident-search.server";
import { loadResident } from "./timeline.server";

/** Mikipedia articles by slug, for the checkboxes of the contact form (one row per slug, Dutch first). */
export async function articlesBySlug(slugs: string[], lng = "nl") {
  return publishedArticlesBySlugs(slugs, lng);
}

export type RegisterResult = { ok: true; id: string; residentId: string | null } | { ok: false; errors: FieldErrors };

/**
 * Registers one contact moment, with or without a resident (anonymous contacts count for
 * statistics), the Mikipedia articles used and optionally the ticket and case it was about.
 * A walk-in ticket without a resident gets this resident, so the visit joins their timeline.
 */
export async function registerContactMoment(actor: CurrentUser, input: ContactMomentInput): Promise<RegisterResult> {
  assertCanViewResidents(actor);
  const errors: FieldErrors = {};
  if (input.residentId && !(await loadResident(input.residentId))) errors.residentId = "contacts:errors.resident";
  const found = await articlesBySlug(input.articles);
  if (found.length !== new Set(input.articles).size) errors.articles = "contacts:errors.article";
  let caseId: string | null = null;
  if (input.caseReference) {
    const c = await findCase(input.caseReference, db);
    if (!c || (input.residentId && c.residentId !== input.residentId)) errors.caseReference = "contacts:errors.caseNotFound";
    else caseId = c.id;
  }
  let ticket: { id: string; residentId: string | null } | undefined;
  if (input.ticketId) {
    ticket = await findTicket(input.ticketId, db);
    if (!ticket) errors.ticketId = "contacts:errors.ticket";
  }
  if (Object.keys(errors).length) return { ok: false, errors };

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contactMoments)
      .values({
        residentId: input.residentId ?? null,
        channel: input.channel,
        direction: "in",
        subject: input.subject,
        summary: input.summary,
        outcome: input.outcome,
        staffId: actor.id,
        caseId,
        ticketId: ticket?.id ?? null,
      })
      .returning({ id: contactMoments.id });
    if (found.length) await tx.insert(contactMomentArticles).values(found.map((a) => ({ contactMomentId: row.id, articleId: a.id })));
    if (ticket && input.residentId && !ticket.residentId) await giveTicketResident(tx, ticket.id, input.residentId);
    if (input.residentId)
      await recordAudit({ actorId: actor.id, action: "contact_moment.registered", subjectUserId: input.residentId, entityType: "contact_moment", entityId: row.id }, tx);
    return { ok: true as const, id: row.id, residentId: input.residentId ?? null };
  });
}

/** A guard for pages that register contacts but do not open a file (e.g. anonymous). */
export function assertCanRegister(actor: CurrentUser) {
  assertCanViewResidents(actor);
}

/** What the contact form needs: the resident it is about (if any) and the agent's current visitor. */
export async function contactFormContext(actor: CurrentUser, residentId: string | null) {
  assertCanViewResidents(actor);
  const person = residentId ? await loadResident(residentId) : undefined;
  if (residentId && !person) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const current = await currentTicket(actor);
  const ticket = current ? { id: current.id, number: current.number, residentId: current.residentId } : undefined;
  return { resident: person ? { id: person.id, name: person.name } : null, ticket: ticket ?? null };
}
