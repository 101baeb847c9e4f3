import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contactMoments, deskThemes, outbox, tickets } from "../../../db/schema";
import { actOnTicket, callNext, listDesks, takeDesk, takeTicket } from "../../../app/modules/counter/queue.server";
import { receiveMail } from "../../../app/modules/contacts/mail-inbound.server";
import {
  inviteAfterVisits,
  linkState,
  rateAtDesk,
  rateableTicketAtDesk,
  rateByLink,
  signSatisfactionToken,
  verifySatisfactionToken,
} from "../../../app/modules/contacts/satisfaction.server";
import { DomainError } from "../../../app/modules/platform/errors";
import { db } from "../../../app/utils/db.server";
import { seedDemoCounter } from "../../../seeds/counter";
import { asActor } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";

const thrown = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e) => e as DomainError,
  );
let n = 0;
const ip = () => `10.0.0.${++n}`;

beforeAll(async () => {
  await seedDemoCounter(db);
});

/** An agent at desk `deskIndex` serves one walk-in (optionally a known resident) and finishes. */
async function finishedVisit(deskIndex: number, residentId?: string) {
  const agent = await asActor((await ensureStaff(db, { email: `sat-agent-${++n}@example.com`, roles: ["frontoffice"] })).id);
  const desk = (await listDesks())[deskIndex];
  const [theme] = await db.select().from(deskThemes).where(eq(deskThemes.slug, "burgerzaken"));
  await db.execute(sql`delete from desk_assignments where desk_id = ${desk.id}`);
  await takeDesk(agent, desk.id, [theme.id]);
  const ticket = await takeTicket({ themeSlug: "burgerzaken", priority: false, language: "nl" }, ip());
  if (residentId) await db.update(tickets).set({ residentId }).where(eq(tickets.id, ticket.id));
  const called = await callNext(agent);
  expect(called?.id).toBe(ticket.id);
  await actOnTicket(agent, ticket.id, "finish");
  return { agent, desk, ticket };
}

describe("satisfaction on the tablet at the desk", () => {
  it("stores one tap with the ticket and a counter contact moment, then refuses a second tap", async () => {
    const { desk, ticket, agent } = await finishedVisit(0);
    expect((await rateableTicketAtDesk(desk.id))?.ticketId).toBe(ticket.id);
    await rateAtDesk({ deskId: desk.id, ticketId: ticket.id, score: 4 }, ip());
    const [row] = await db.select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(row.satisfactionScore).toBe(4);
    expect(row.satisfactionAt).not.toBeNull();
    const moments = await db.select().from(contactMoments).where(eq(contactMoments.ticketId, ticket.id));
    expect(moments).toHaveLength(1);
    expect(moments[0]).toMatchObject({ channel: "counter", satisfactionScore: 4, staffId: agent.id, outcome: null });
    expect(await rateableTicketAtDesk(desk.id)).toBeUndefined();
    expect((await thrown(rateAtDesk({ deskId: desk.id, ticketId: ticket.id, score: 1 }, ip())))?.code).toBe("INVALID_STATE");
    expect((await db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0].satisfactionScore).toBe(4);
  });

  it("puts the score on the counter contact moment the agent registered", async () => {
    const { desk, ticket, agent } = await finishedVisit(1);
    const [registered] = await db
      .insert(contactMoments)
      .values({ channel: "counter", subject: "Identiteitskaart", staffId: agent.id, ticketId: ticket.id, outcome: "answered" })
      .returning();
    await rateAtDesk({ deskId: desk.id, ticketId: ticket.id, score: 5 }, ip());
    const moments = await db.select().from(contactMoments).where(eq(contactMoments.ticketId, ticket.id));
    expect(moments).toHaveLength(1);
    expect(moments[0].id).toBe(registered.id);
    expect(moments[0].satisfactionScore).toBe(5);
  });

  it("only rates the visit the tablet shows: not another desk's ticket, not a score outside 1-5", async () => {
    const here = await finishedVisit(2);
    const other = await finishedVisit(3);
    expect((await thrown(rateAtDesk({ deskId: here.desk.id, ticketId: other.ticket.id, score: 3 }, ip())))?.code).toBe("INVALID_STATE");
    expect((await thrown(rateAtDesk({ deskId: here.desk.id, ticketId: here.ticket.id, score: 6 }, ip())))?.code).toBe("VALIDATION");
    expect((await db.select().from(tickets).where(eq(tickets.id, other.ticket.id)))[0].satisfactionScore).toBeNull();
  });

  it("rate-limits taps from one tablet", async () => {
    const { desk } = await finishedVisit(0);
    const key = ip();
    const codes = [];
    for (let i = 0; i < 32; i++) codes.push((await thrown(rateAtDesk({ deskId: desk.id, ticketId: "00000000-0000-0000-0000-000000000000", score: 3 }, key)))?.code);
    expect(codes.at(-1)).toBe("RATE_LIMITED");
  });
});

describe("satisfaction by e-mail link", () => {
  it("mails a finished visit's resident a link once the tablet's window has passed, and the link works once", async () => {
    const resident = await ensureResident(db, { email: "bezoeker@example.com", name: "Bert Bezoeker", preferredLanguage: "en" });
    const { ticket } = await finishedVisit(1, resident.id);
    const invites = () => db.select().from(outbox).where(eq(outbox.toAddress, "bezoeker@example.com"));
    await inviteAfterVisits();
    expect(await invites()).toHaveLength(0);
    await db.execute(sql`update tickets set finished_at = now() - interval '20 minutes' where id = ${ticket.id}`);
    await inviteAfterVisits();
    await inviteAfterVisits();
    const [mail, ...more] = await invites();
    expect(more).toHaveLength(0);
    expect(mail.subject).toMatch(/visit/i);
    const token = /\/tevredenheid\/([^\s]+)/.exec(mail.text)![1];
    expect(await linkState(verifySatisfactionToken(token))).toBe("open");
    await rateByLink(token, 2, ip());
    expect((await db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0].satisfactionScore).toBe(2);
    expect(await linkState(verifySatisfactionToken(token))).toBe("used");
    expect((await thrown(rateByLink(token, 5, ip())))?.code).toBe("INVALID_STATE");
    expect((await db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0].satisfactionScore).toBe(2);
  });

  it("does not mail a visitor who already rated on the tablet", async () => {
    const resident = await ensureResident(db, { email: "al.getikt@example.com" });
    const { ticket, desk } = await finishedVisit(3, resident.id);
    await rateAtDesk({ deskId: desk.id, ticketId: ticket.id, score: 3 }, ip());
    await db.execute(sql`update tickets set finished_at = now() - interval '20 minutes' where id = ${ticket.id}`);
    await inviteAfterVisits();
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, "al.getikt@example.com"))).toHaveLength(0);
  });

  it("rates an e-mail conversation on its first mail", async () => {
    const mail = await receiveMail(`From: a@example.org\r\nTo: info@mechelen.example.com\r\nSubject: Vraag\r\nMessage-ID: <sat-1@example.org>\r\n\r\nHallo\r\n`, {
      to: ["info@mechelen.example.com"],
    });
    await rateByLink(signSatisfactionToken({ kind: "thread", id: mail.threadId }), 5, ip());
    expect((await db.select().from(contactMoments).where(eq(contactMoments.id, mail.threadId)))[0].satisfactionScore).toBe(5);
  });

  it("rejects a forged, tampered or expired link and stores nothing", async () => {
    const { ticket } = await finishedVisit(2);
    const good = signSatisfactionToken({ kind: "ticket", id: ticket.id });
    const [body, sig] = good.split(".");
    const otherBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), e: 4102444800 })).toString("base64url");
    const flipped = sig.slice(0, -2) + (sig.at(-2) === "A" ? "B" : "A") + sig.at(-1);
    const expired = signSatisfactionToken({ kind: "ticket", id: ticket.id }, new Date(Date.now() - 30 * 86400_000), 14);
    for (const [token, message] of [
      [`${otherBody}.${sig}`, "inbox:satisfaction.errors.invalidLink"],
      [`${body}.${flipped}`, "inbox:satisfaction.errors.invalidLink"],
      ["not-a-token", "inbox:satisfaction.errors.invalidLink"],
      [expired, "inbox:satisfaction.errors.expiredLink"],
    ] as const) {
      const err = await thrown(rateByLink(token, 3, ip()));
      expect(err?.code, token).toBe("VALIDATION");
      expect(err?.messageKey, token).toBe(message);
    }
    expect((await db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0].satisfactionScore).toBeNull();
  });
});
