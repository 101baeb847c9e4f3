import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { contactMoments } from "../../../db/schema";
import { findCase } from "~/modules/cases/directory.server";
import { findPerson, peopleView, personNames } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { requireDefinition, createCase } from "~/modules/cases/requests.server";
import { allFields, inputFor, schemaForFields } from "~/modules/cases/form-schema";
import { fileStorage } from "~/modules/cases/storage.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { enqueueMail } from "~/modules/notify/outbox.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { FieldErrors } from "~/utils/forms";
import type { InboundAttachment, InboundMailData } from "./mail-inbound.server";
import { inviteAfterThread } from "./satisfaction.server";
import { HANDLED_OUTCOMES, type HandledOutcome } from "./schemas";
import { assertCan } from "~/modules/identity/permissions";

/**
 * The front-office e-mail inbox: conversations (threads of e-mail contact moments), a reply
 * from the portal through the outbox, marking handled, and turning a mail into a request.
 */

const E = (k: string) => `inbox:errors.${k}`;

export const assertInboxAgent = (actor: CurrentUser) => assertCan(actor, "residents.serve");

export type InboxThread = {
  threadId: string;
  subject: string;
  from: string;
  residentName: string | null;
  lastAt: Date;
  messages: number;
  open: boolean;
};

/**
 * Conversations, unhandled ones first, then the most recent. A conversation is a thread of
 * mails that went through the e-mail channel (an e-mail contact registered by hand has no
 * thread and is not listed here). Only the threads that matter
 * are aggregated (every open one, and those with the latest mail), through the partial
 * "open" index and the time index, so the page stays cheap as mail piles up over the years.
 */
export async function listInbox(actor: CurrentUser, opts: { limit?: number } = {}): Promise<InboxThread[]> {
  assertInboxAgent(actor);
  const limit = opts.limit ?? 100;
  const rows = await db.execute<{ thread: string; subject: string; from_addr: string | null; resident_name: string | null; last_at: string; messages: number; open: boolean }>(sql`
    with wanted as (
      (select thread_id as thread from contact_moments
        where channel = 'email' and outcome is null and direction = 'in' and thread_id is not null order by occurred_at limit ${limit})
      union
      (select thread_id from contact_moments where channel = 'email' and thread_id is not null order by occurred_at desc limit ${limit})
    )
    select m.thread, (array_agg(m.subject order by m.occurred_at))[1] as subject,
      (array_agg(m.data->>'from' order by m.occurred_at) filter (where m.direction = 'in'))[1] as from_addr,
      (array_agg(u.name order by m.occurred_at) filter (where u.name is not null))[1] as resident_name,
      max(m.occurred_at) as last_at, count(*)::int as messages,
      bool_or(m.direction = 'in' and m.outcome is null) as open
    from (select c.thread_id as thread, c.* from contact_moments c
          where c.channel = 'email' and c.thread_id in (select thread from wanted)) m
    left join ${peopleView("u")} on u.id = m.resident_id
    group by m.thread
    order by bool_or(m.direction = 'in' and m.outcome is null) desc, max(m.occurred_at) desc
    limit ${limit}`);
  return rows.map((r) => ({
    threadId: r.thread,
    subject: r.subject,
    from: r.from_addr ?? "",
    residentName: r.resident_name,
    lastAt: new Date(r.last_at),
    messages: r.messages,
    open: r.open,
  }));
}

type Moment = typeof contactMoments.$inferSelect;

async function threadMoments(threadId: string): Promise<Moment[]> {
  if (!/^[0-9a-f-]{36}$/.test(threadId)) return [];
  return db
    .select()
    .from(contactMoments)
    .where(and(eq(contactMoments.channel, "email"), eq(contactMoments.threadId, threadId)))
    .orderBy(asc(contactMoments.occurredAt), asc(contactMoments.createdAt));
}

/**
 * One conversation. Opening the mail of a known resident is an opening of their personal
 * data by staff, so it is written to the audit log every time.
 */
export async function openThread(actor: CurrentUser, threadId: string) {
  assertInboxAgent(actor);
  const moments = await threadMoments(threadId);
  if (!moments.length) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const residentId = moments.find((m) => m.residentId)?.residentId ?? null;
  const person = residentId ? await findPerson(residentId, db) : undefined;
  const resident = person && { id: person.id, name: person.name, email: person.email, language: person.preferredLanguage };
  if (residentId)
    await db.transaction((tx) =>
      recordAudit({ actorId: actor.id, action: "contacts.mail.viewed", subjectUserId: residentId, entityType: "contact_thread", entityId: threadId }, tx),
    );
  const staffIds = [...new Set(moments.map((m) => m.staffId).filter((x): x is string => !!x))];
  const staff = [...(await personNames(staffIds, db))].map(([id, name]) => ({ id, name }));
  return {
    threadId,
    resident: resident ?? null,
    open: moments.some((m) => m.direction === "in" && m.outcome === null),
    caseId: moments.find((m) => m.caseId)?.caseId ?? null,
    outcome: moments.filter((m) => m.direction === "in").at(-1)?.outcome ?? null,
    satisfactionScore: moments[0].satisfactionScore,
    messages: moments.map((m) => {
      const data = m.data as Partial<InboundMailData>;
      return {
        id: m.id,
        direction: m.direction,
        subject: m.subject,
        text: m.summary,
        from: data.from ?? "",
        to: data.to ?? [],
        at: m.occurredAt,
        staffName: staff.find((s) => s.id === m.staffId)?.name ?? null,
        auto: data.autoSubmitted === true,
        attachments: (data.attachments ?? []).map((a, index) => ({ index, filename: a.filename, size: a.size })),
      };
    }),
  };
}

/** The city address the conversation was sent to: replies come back to the same inbox. */
function cityAddressFor(first: Partial<InboundMailData>) {
  const configured = env().INBOUND_MAIL_ADDRESSES;
  return first.to?.find((a) => configured.includes(a.toLowerCase())) ?? configured[0];
}

const replySubject = (subject: string) => (/^(re|antw|aw|réf?)\s*:/i.test(subject) ? subject : `Re: ${subject}`);

/**
 * The agent answers from the portal. The reply goes out through the outbox with
 * In-Reply-To and References, so the resident's mail program shows one conversation, and
 * is kept as an outgoing contact moment in the same thread.
 */
export async function replyToThread(actor: CurrentUser, threadId: string, text: string) {
  assertInboxAgent(actor);
  const body = text.replace(/\r\n?/g, "\n").trim();
  if (!body) throw new DomainError("VALIDATION", E("replyRequired"));
  if (body.length > 10_000) throw new DomainError("VALIDATION", E("replyTooLong"));
  return db.transaction(async (tx) => {
    // Lock the conversation's first mail: two agents answering at once queue up instead of crossing.
    const [root] = await tx
      .select()
      .from(contactMoments)
      .where(and(eq(contactMoments.id, threadId), eq(contactMoments.channel, "email")))
      .for("update");
    if (!root) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    const moments = await tx
      .select()
      .from(contactMoments)
      .where(and(eq(contactMoments.channel, "email"), eq(contactMoments.threadId, threadId)))
      .orderBy(asc(contactMoments.occurredAt), asc(contactMoments.createdAt));
    const lastIn = [...moments].reverse().find((m) => m.direction === "in");
    if (!lastIn) throw new DomainError("INVALID_STATE", E("nothingToAnswer"));
    const inData = lastIn.data as Partial<InboundMailData>;
    if (!inData.from) throw new DomainError("INVALID_STATE", E("noSender"));
    const cityAddress = cityAddressFor(root.data as Partial<InboundMailData>);
    const messageId = `<${randomUUID()}@${cityAddress.split("@")[1]}>`;
    const references = [...(inData.references ?? []), ...(inData.messageId ? [inData.messageId] : [])].slice(-20);
    const resident = root.residentId ? await findPerson(root.residentId, tx) : undefined;
    const subject = replySubject(lastIn.subject);
    const outboxId = await enqueueMail(
      {
        to: inData.from,
        subject,
        text: body,
        template: "inbox-reply",
        language: resident?.preferredLanguage ?? "nl",
        headers: { messageId, inReplyTo: inData.messageId, references, replyTo: cityAddress },
      },
      tx,
    );
    const [row] = await tx
      .insert(contactMoments)
      .values({
        residentId: root.residentId,
        channel: "email",
        direction: "out",
        subject,
        summary: body,
        outcome: "answered",
        staffId: actor.id,
        threadId,
        data: { from: cityAddress, to: [inData.from], messageId, inReplyTo: inData.messageId, references, outboxId, attachments: [] },
      })
      .returning({ id: contactMoments.id });
    return { momentId: row.id, outboxId };
  });
}

/**
 * Marks the conversation's unhandled mails as handled. When the city answered, the sender
 * gets a link to rate the answer.
 */
export async function markThreadHandled(actor: CurrentUser, threadId: string, outcome: HandledOutcome) {
  assertInboxAgent(actor);
  if (!HANDLED_OUTCOMES.includes(outcome)) throw new DomainError("VALIDATION", E("chooseOutcome"));
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(contactMoments)
      .set({ outcome, staffId: sql`coalesce(${contactMoments.staffId}, ${actor.id}::uuid)` })
      .where(and(eq(contactMoments.channel, "email"), eq(contactMoments.threadId, threadId), eq(contactMoments.direction, "in"), isNull(contactMoments.outcome)))
      .returning({ id: contactMoments.id });
    if (!updated.length) throw new DomainError("INVALID_STATE", E("alreadyHandled"));
    const [root] = await tx.select().from(contactMoments).where(eq(contactMoments.id, threadId));
    const [answered] = await tx
      .select({ id: contactMoments.id })
      .from(contactMoments)
      .where(and(eq(contactMoments.threadId, threadId), eq(contactMoments.direction, "out")))
      .limit(1);
    const from = (root?.data as Partial<InboundMailData> | undefined)?.from;
    let invited = false;
    if (root && answered && from && root.satisfactionScore === null) {
      const resident = root.residentId ? await findPerson(root.residentId, tx) : undefined;
      await inviteAfterThread(tx, threadId, from, resident?.preferredLanguage ?? "nl", resident?.name);
      invited = true;
    }
    return { handled: updated.length, invited };
  });
}

/** An attachment of a received mail, for the agent to download. */
export async function mailAttachment(actor: CurrentUser, momentId: string, index: number) {
  assertInboxAgent(actor);
  if (!/^[0-9a-f-]{36}$/.test(momentId)) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const [m] = await db
    .select()
    .from(contactMoments)
    .where(and(eq(contactMoments.id, momentId), eq(contactMoments.channel, "email")));
  const a = (m?.data as { attachments?: InboundAttachment[] } | undefined)?.attachments?.[index];
  if (!m || !a) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const bytes = await fileStorage().get(a.storageKey);
  if (!bytes) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const residentId = m.residentId;
  if (residentId)
    await db.transaction((tx) =>
      recordAudit(
        {
          actorId: actor.id,
          action: "contacts.mail.attachment.viewed",
          subjectUserId: residentId,
          entityType: "contact_moment",
          entityId: m.id,
          details: { filename: a.filename },
        },
        tx,
      ),
    );
  return { filename: a.filename, bytes };
}

// ---------- turn a mail into a request ----------

/** What the "turn into a request" page needs: the conversation's resident and its first mail. */
export async function requestSource(actor: CurrentUser, threadId: string) {
  assertInboxAgent(actor);
  const moments = await threadMoments(threadId);
  const first = moments.find((m) => m.direction === "in");
  if (!first) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const residentId = moments.find((m) => m.residentId)?.residentId ?? null;
  const person = residentId ? await findPerson(residentId, db) : undefined;
  const resident = person && { id: person.id, name: person.name, email: person.email };
  const caseId = moments.find((m) => m.caseId)?.caseId ?? null;
  return {
    resident: resident ?? null,
    subject: first.subject,
    text: moments
      .filter((m) => m.direction === "in")
      .map((m) => m.summary)
      .join("\n\n"),
    from: (first.data as Partial<InboundMailData>).from ?? "",
    caseId,
  };
}

/** Prefills a service's form from the mail: the first long text gets the mail text, a subject field the subject, an e-mail field the sender. */
export function prefillFromMail(fields: ReturnType<typeof allFields>, source: { subject: string; text: string; from: string }) {
  const values: Record<string, string> = {};
  const longtext = fields.find((f) => f.type === "longtext");
  if (longtext) values[longtext.name] = source.text.slice(0, longtext.maxLength ?? 5000);
  const subject = fields.find((f) => f.type === "text" && /subject|onderwerp/i.test(f.name));
  if (subject) values[subject.name] = source.subject.slice(0, subject.maxLength ?? 300);
  const email = fields.find((f) => f.type === "email");
  if (email && source.from) values[email.name] = source.from;
  return values;
}

/** Request fields the agent fills in for the resident (files come later through Mijn dossiers). */
export const agentFields = (form: Parameters<typeof allFields>[0]) => allFields(form).filter((f) => f.type !== "file");

/**
 * Files a request for the conversation's resident with channel "email", created by the
 * agent, and links the mails to the new case. A retry gives the same case (idempotency key).
 */
export async function fileRequestFromThread(
  actor: CurrentUser,
  threadId: string,
  slug: string,
  values: Record<string, string | string[]>,
): Promise<{ ok: true; reference: string } | { ok: false; errors: FieldErrors }> {
  assertInboxAgent(actor);
  const source = await requestSource(actor, threadId);
  if (!source.resident) throw new DomainError("INVALID_STATE", E("noResident"));
  const def = await requireDefinition(slug);
  const fields = agentFields(def.form);
  const parsed = schemaForFields(fields).safeParse(inputFor(fields, values));
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "_form")] ??= issue.message.startsWith("cases:") ? issue.message : "cases:errors.invalid";
    return { ok: false, errors };
  }
  const residentId = source.resident.id;
  return db.transaction(async (tx) => {
    const result = await createCase(tx, { actor, def, residentId, channel: "email", answers: parsed.data as Record<string, unknown>, idempotencyKey: `mail-${threadId}-${slug}` });
    const created = (await findCase(result.reference, tx))!;
    await tx
      .update(contactMoments)
      .set({ caseId: created.id, outcome: sql`coalesce(${contactMoments.outcome}, 'request_filed')`, staffId: sql`coalesce(${contactMoments.staffId}, ${actor.id}::uuid)` })
      .where(and(eq(contactMoments.channel, "email"), eq(contactMoments.threadId, threadId), eq(contactMoments.direction, "in")));
    await recordAudit(
      {
        actorId: actor.id,
        action: "contacts.mail.request_filed",
        subjectUserId: residentId,
        entityType: "case",
        entityId: created.id,
        details: { threadId, reference: result.reference },
      },
      tx,
    );
    return { ok: true as const, reference: result.reference };
  });
}
