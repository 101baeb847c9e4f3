import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, contactMoments, deskThemes, outbox, tickets } from "../../../db/schema";
import { startInboundSmtp, type InboundSmtp } from "../../../app/modules/contacts/mail-inbound.server";
import { signSatisfactionToken } from "../../../app/modules/contacts/satisfaction.server";
import { actOnTicket, callNext, listDesks, takeDesk, takeTicket } from "../../../app/modules/counter/queue.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { seedDemoCounter } from "../../../seeds/counter";
import { asActor } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

const CITY = "info@mechelen.example.com";
let server: Awaited<ReturnType<typeof startTestServer>>;
let smtp: InboundSmtp;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  await seedDemoCounter(db);
  server = await startTestServer();
  smtp = await startInboundSmtp({ port: 0, addresses: [CITY] });
});
afterAll(async () => {
  await smtp.stop();
  await server.close();
});

const sessionFor = async (id: string) => (await startUserSession(new Request("http://portal.test/"), id, true)).split(";")[0];

describe("the inbox and satisfaction pages over HTTP, without JavaScript", () => {
  it("shows a mail sent over SMTP in the inbox; the agent answers and marks it handled", async () => {
    const resident = await ensureResident(db, { email: "http.mail@example.com", name: "Hanne Http" });
    const client = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, ignoreTLS: true });
    const info = await client.sendMail({ from: "http.mail@example.com", to: CITY, subject: "Parkeren in mijn straat", text: "Mag ik hier parkeren?" });
    client.close();
    const [moment] = (await db.select().from(contactMoments).where(eq(contactMoments.channel, "email"))).filter(
      (m) => (m.data as { messageId: string }).messageId === info.messageId,
    );

    const staff = await ensureStaff(db, { email: "http.fo@example.com", roles: ["frontoffice"], name: "Frida Front" });
    const cookie = await sessionFor(staff.id);
    const inbox = await (await server.get("/werk/inbox", { Cookie: cookie })).text();
    expect(inbox).toContain("Parkeren in mijn straat");
    expect(inbox).toContain("Te behandelen");

    const page = await server.get(`/werk/inbox/${moment.threadId}`, { Cookie: cookie });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Mag ik hier parkeren?");
    expect(html).toContain("Hanne Http");
    expect((await db.select().from(auditLog).where(eq(auditLog.subjectUserId, resident.id))).some((a) => a.action === "contacts.mail.viewed")).toBe(true);

    const empty = await server.post(`/werk/inbox/${moment.threadId}`, { _intent: "reply", reply: "  " }, { Cookie: cookie });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Schrijf een antwoord.");

    const replied = await server.post(`/werk/inbox/${moment.threadId}`, { _intent: "reply", reply: "Ja, met een bewonerskaart." }, { Cookie: cookie });
    expect(replied.status).toBe(302);
    const after = await (await server.get(replied.headers.get("Location")!, { Cookie: cookie })).text();
    expect(after).toContain("Ja, met een bewonerskaart.");
    expect((await db.select().from(outbox).where(eq(outbox.toAddress, "http.mail@example.com"))).map((m) => m.subject)).toContain("Re: Parkeren in mijn straat");

    const handled = await server.post(`/werk/inbox/${moment.threadId}`, { _intent: "handle", outcome: "answered" }, { Cookie: cookie });
    expect(handled.status).toBe(302);
    expect((await db.select().from(contactMoments).where(eq(contactMoments.id, moment.id)))[0].outcome).toBe("answered");
  });

  it("refuses the inbox to staff without the front-office role", async () => {
    const staff = await ensureStaff(db, { email: "http.bo@example.com", roles: ["backoffice"] });
    expect((await server.get("/werk/inbox", { Cookie: await sessionFor(staff.id) })).status).toBe(403);
    expect((await server.get("/werk/inbox")).status).toBe(302);
  });

  it("lets a visitor rate the visit on the desk tablet with one tap", async () => {
    const agent = await asActor((await ensureStaff(db, { email: "http.desk@example.com", roles: ["frontoffice"] })).id);
    const desk = (await listDesks())[0];
    const [theme] = await db.select().from(deskThemes).where(eq(deskThemes.slug, "burgerzaken"));
    await takeDesk(agent, desk.id, [theme.id]);
    const waiting = await (await server.get(`/kiosk/tevredenheid/${desk.id}`)).text();
    expect(waiting).toContain("Na uw bezoek kunt u hier zeggen hoe tevreden u bent.");
    const ticket = await takeTicket({ themeSlug: "burgerzaken", priority: false, language: "nl" }, "tablet-test");
    await callNext(agent);
    await actOnTicket(agent, ticket.id, "finish");
    const page = await (await server.get(`/kiosk/tevredenheid/${desk.id}`)).text();
    expect(page).toContain(ticket.number);
    expect(page).toContain("Heel tevreden");
    const tap = await server.post(`/kiosk/tevredenheid/${desk.id}`, { ticketId: ticket.id, score: "5" });
    expect(tap.status).toBe(302);
    expect(await (await server.get(tap.headers.get("Location")!)).text()).toContain("Dank u wel");
    expect((await db.select().from(tickets).where(eq(tickets.id, ticket.id)))[0].satisfactionScore).toBe(5);
    expect((await server.post(`/kiosk/tevredenheid/${desk.id}`, { ticketId: ticket.id, score: "1" })).status).toBe(409);
  });

  it("accepts an e-mail link once and refuses a forged one", async () => {
    const mail = await db
      .insert(contactMoments)
      .values({ channel: "email", subject: "x", data: { from: "a@example.org" } })
      .returning();
    const token = signSatisfactionToken({ kind: "thread", id: mail[0].id });
    expect(await (await server.get(`/tevredenheid/${token}`)).text()).toContain("Hoe tevreden bent u over ons antwoord?");
    expect((await server.post(`/tevredenheid/${token}`, { score: "4" })).status).toBe(302);
    const again = await server.post(`/tevredenheid/${token}`, { score: "1" });
    expect(again.status).toBe(409);
    expect(await (await server.get(`/tevredenheid/${token}`)).text()).toContain("U heeft al geantwoord.");
    const [body, sig] = token.split(".");
    const forged = `${body}.${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`;
    const bad = await server.get(`/tevredenheid/${forged}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Deze link is niet geldig.");
    expect((await server.post(`/tevredenheid/${forged}`, { score: "1" })).status).toBe(400);
    expect((await db.select().from(contactMoments).where(eq(contactMoments.id, mail[0].id)))[0].satisfactionScore).toBe(4);
  });
});
