import { and, eq } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cases, contactMoments, outbox } from "../../../db/schema";
import { fileRequestFromThread, listInbox, markThreadHandled, openThread, replyToThread } from "../../../app/modules/contacts/inbox.server";
import { receiveMail } from "../../../app/modules/contacts/mail-inbound.server";
import { deliverDueMail, setMailTransportForTesting } from "../../../app/modules/notify/outbox.server";
import { DomainError } from "../../../app/modules/platform/errors";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";

const CITY = "info@mechelen.example.com";
const thrown = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e) => e as DomainError,
  );
let seq = 0;

function rawMail(opts: { from: string; subject: string; text: string; messageId?: string; inReplyTo?: string; references?: string }) {
  const id = opts.messageId ?? `<m${++seq}-${Date.now()}@resident.example>`;
  const headers = [`From: ${opts.from}`, `To: ${CITY}`, `Subject: ${opts.subject}`, `Message-ID: ${id}`, "Content-Type: text/plain; charset=utf-8"];
  if (opts.inReplyTo) headers.push(`In-Reply-To: ${opts.inReplyTo}`);
  if (opts.references) headers.push(`References: ${opts.references}`);
  return { raw: `${headers.join("\r\n")}\r\n\r\n${opts.text}\r\n`, messageId: id };
}

async function agent(roles: ("frontoffice" | "backoffice" | "admin")[] = ["frontoffice"]) {
  return asActor((await ensureStaff(db, { email: `agent-${++seq}@example.com`, roles, name: "Agent Loket" })).id);
}

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});
afterEach(() => setMailTransportForTesting(undefined));

describe("the front-office inbox", () => {
  it("lists unhandled conversations first and refuses staff without the front-office role", async () => {
    const a = rawMail({ from: "x1@example.org", subject: "Oud en behandeld", text: "een" });
    const first = await receiveMail(a.raw, { to: [CITY] });
    const b = rawMail({ from: "x2@example.org", subject: "Nieuw", text: "twee" });
    await receiveMail(b.raw, { to: [CITY] });
    const fo = await agent();
    await markThreadHandled(fo, first.threadId, "referred");
    const c = rawMail({ from: "x3@example.org", subject: "Nog een open mail", text: "drie" });
    await receiveMail(c.raw, { to: [CITY] });
    const list = await listInbox(fo);
    const handledAt = list.findIndex((t) => t.subject === "Oud en behandeld");
    expect(list.slice(0, handledAt).every((t) => t.open)).toBe(true);
    expect(list[handledAt].open).toBe(false);

    const backoffice = await agent(["backoffice"]);
    expect((await thrown(listInbox(backoffice)))?.code).toBe("FORBIDDEN");
    expect((await thrown(openThread(backoffice, first.threadId)))?.code).toBe("FORBIDDEN");
    expect((await thrown(replyToThread(backoffice, first.threadId, "hallo")))?.code).toBe("FORBIDDEN");
  });

  it("audits every opening of a known resident's mail, not of an unknown sender's", async () => {
    const resident = await ensureResident(db, { email: "audit.me@example.com" });
    const known = await receiveMail(rawMail({ from: "audit.me@example.com", subject: "Privé", text: "mijn gegevens" }).raw, { to: [CITY] });
    const unknown = await receiveMail(rawMail({ from: "nobody@example.org", subject: "Anoniem", text: "x" }).raw, { to: [CITY] });
    const fo = await agent();
    await openThread(fo, known.threadId);
    await openThread(fo, known.threadId);
    await openThread(fo, unknown.threadId);
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, fo.id), eq(auditLog.action, "contacts.mail.viewed")));
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.subjectUserId === resident.id && r.entityId === known.threadId)).toBe(true);
  });

  it("sends a reply through the outbox with threading headers, keeps it in the thread, and threads the resident's answer", async () => {
    const resident = await ensureResident(db, { email: "reply.me@example.com", name: "Rita Reply" });
    const incoming = rawMail({ from: "Rita <reply.me@example.com>", subject: "Afval ophalen", text: "Wanneer komt de vuilniswagen?" });
    const mail = await receiveMail(incoming.raw, { to: [CITY] });
    const fo = await agent();
    const { outboxId, momentId } = await replyToThread(fo, mail.threadId, "Dag Rita,\n\nKijk op de afvalkalender.");

    const [queued] = await db.select().from(outbox).where(eq(outbox.id, outboxId));
    expect(queued.toAddress).toBe("reply.me@example.com");
    expect(queued.subject).toBe("Re: Afval ophalen");
    expect(queued.headers.inReplyTo).toBe(incoming.messageId);
    expect(queued.headers.references).toEqual([incoming.messageId]);
    expect(queued.headers.replyTo).toBe(CITY);

    const [out] = await db.select().from(contactMoments).where(eq(contactMoments.id, momentId));
    expect(out).toMatchObject({ direction: "out", channel: "email", threadId: mail.threadId, residentId: resident.id, staffId: fo.id });

    // The worker sends it with those headers.
    const sent: SendMailOptions[] = [];
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const original = transport.sendMail.bind(transport);
    transport.sendMail = ((m: SendMailOptions) => {
      sent.push(m);
      return original(m as never);
    }) as typeof transport.sendMail;
    setMailTransportForTesting(transport);
    await deliverDueMail();
    const ours = sent.find((m) => m.to === "reply.me@example.com")!;
    expect(ours.inReplyTo).toBe(incoming.messageId);
    expect(ours.messageId).toBe(queued.headers.messageId);
    expect(ours.replyTo).toBe(CITY);

    // The resident answers our reply: it joins the same conversation.
    const answer = rawMail({
      from: "reply.me@example.com",
      subject: "Re: Afval ophalen",
      text: "Bedankt!",
      inReplyTo: queued.headers.messageId,
      references: `${incoming.messageId} ${queued.headers.messageId}`,
    });
    const back = await receiveMail(answer.raw, { to: [CITY] });
    expect(back.threadId).toBe(mail.threadId);
    const thread = await openThread(fo, mail.threadId);
    expect(thread.messages.map((m) => m.direction)).toEqual(["in", "out", "in"]);
    expect(thread.messages[1].text).toContain("afvalkalender");
  });

  it("marks a conversation handled once, and asks the sender to rate an answered one", async () => {
    const fo = await agent();
    const answered = await receiveMail(rawMail({ from: "rate.me@example.org", subject: "Vraag", text: "?" }).raw, { to: [CITY] });
    await replyToThread(fo, answered.threadId, "Antwoord");
    expect(await markThreadHandled(fo, answered.threadId, "answered")).toEqual({ handled: 1, invited: true });
    const [moment] = await db.select().from(contactMoments).where(eq(contactMoments.id, answered.id));
    expect(moment.outcome).toBe("answered");
    expect(moment.staffId).toBe(fo.id);
    const invites = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, "rate.me@example.org"), eq(outbox.template, "satisfaction-mail")));
    expect(invites).toHaveLength(1);
    expect(invites[0].text).toMatch(/\/tevredenheid\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    expect((await thrown(markThreadHandled(fo, answered.threadId, "answered")))?.code).toBe("INVALID_STATE");

    const spam = await receiveMail(rawMail({ from: "no.answer@example.org", subject: "Reclame", text: "!" }).raw, { to: [CITY] });
    expect(await markThreadHandled(fo, spam.threadId, "referred")).toEqual({ handled: 1, invited: false });
  });

  it("turns a mail of a known resident into a request (channel e-mail) and links the mail to the case", async () => {
    const resident = await ensureResident(db, { email: "wil.iets@example.com", name: "Wim Aanvraag" });
    const mail = await receiveMail(rawMail({ from: "wil.iets@example.com", subject: "Vraag over mijn straat", text: "Mag ik een bank zetten voor mijn deur?" }).raw, {
      to: [CITY],
    });
    const fo = await agent();
    const invalid = await fileRequestFromThread(fo, mail.threadId, "vraag-aan-de-stad", { subject: "Bank", question: "" });
    expect(invalid.ok).toBe(false);
    const r = await fileRequestFromThread(fo, mail.threadId, "vraag-aan-de-stad", {
      subject: "Vraag over mijn straat",
      question: "Mag ik een bank zetten voor mijn deur?",
      answerBy: "portaal",
    });
    expect(r.ok).toBe(true);
    const reference = r.ok ? r.reference : "";
    const [created] = await db.select().from(cases).where(eq(cases.reference, reference));
    expect(created).toMatchObject({ residentId: resident.id, createdById: fo.id, channel: "email" });
    const [moment] = await db.select().from(contactMoments).where(eq(contactMoments.id, mail.id));
    expect(moment.caseId).toBe(created.id);
    expect(moment.outcome).toBe("request_filed");
    // A retry gives the same case.
    const again = await fileRequestFromThread(fo, mail.threadId, "vraag-aan-de-stad", {
      subject: "Vraag over mijn straat",
      question: "Mag ik een bank zetten voor mijn deur?",
      answerBy: "portaal",
    });
    expect(again.ok && again.reference).toBe(reference);

    const stranger = await receiveMail(rawMail({ from: "stranger@example.org", subject: "Vraag", text: "x" }).raw, { to: [CITY] });
    expect((await thrown(fileRequestFromThread(fo, stranger.threadId, "vraag-aan-de-stad", {})))?.code).toBe("INVALID_STATE");
  });
});
