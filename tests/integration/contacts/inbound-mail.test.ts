import { eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactMoments } from "../../../db/schema";
import { startInboundSmtp, type InboundSmtp } from "../../../app/modules/contacts/mail-inbound.server";
import { fileStorage } from "../../../app/modules/cases/storage.server";
import { db } from "../../../app/utils/db.server";
import { ensureResident } from "../../factories/identity";

const CITY = "info@mechelen.example.com";
let smtp: InboundSmtp;
let client: Transporter;

beforeAll(async () => {
  // Port 0: the OS picks a free port, so parallel test files never clash.
  smtp = await startInboundSmtp({ port: 0, host: "127.0.0.1", addresses: [CITY, "Loket@Mechelen.example.com"], maxBytes: 200_000 });
  client = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  client.close();
  await smtp.stop();
});

const byMessageId = async (messageId: string) => {
  const rows = await db.select().from(contactMoments).where(eq(contactMoments.channel, "email"));
  return rows.find((r) => (r.data as { messageId?: string }).messageId === messageId);
};

describe("inbound e-mail over real SMTP", () => {
  it("turns a mail from a known resident into an unhandled contact moment linked to them (address case-insensitive)", async () => {
    const resident = await ensureResident(db, { email: "els.janssens@example.com", name: "Els Janssens" });
    const info = await client.sendMail({
      from: "Els Janssens <Els.JANSSENS@Example.com>",
      to: CITY,
      subject: "Vraag over mijn bewonerskaart",
      text: "Goedendag,\r\n\r\nMijn bewonerskaart is verlopen. Wat moet ik doen?\r\n\r\nEls",
      html: "<p>Goedendag,</p><p>Mijn bewonerskaart is <b>verlopen</b>.</p><script>alert(1)</script>",
      attachments: [{ filename: "kaart.txt", content: "kaart 123", contentType: "text/plain" }],
    });
    expect(info.rejected).toHaveLength(0);
    const moment = await byMessageId(info.messageId);
    expect(moment).toBeDefined();
    expect(moment!.residentId).toBe(resident.id);
    expect(moment!.direction).toBe("in");
    expect(moment!.outcome).toBeNull();
    expect(moment!.subject).toBe("Vraag over mijn bewonerskaart");
    expect(moment!.summary).toContain("Mijn bewonerskaart is verlopen. Wat moet ik doen?");
    expect(moment!.summary).not.toMatch(/<|script/);
    expect(moment!.threadId).toBe(moment!.id);
    const data = moment!.data as { from: string; to: string[]; attachments: { filename: string; storageKey: string }[] };
    expect(data.from).toBe("els.janssens@example.com");
    expect(data.to).toEqual([CITY]);
    expect(data.attachments.map((a) => a.filename)).toEqual(["kaart.txt"]);
    expect((await fileStorage().get(data.attachments[0].storageKey))?.toString()).toBe("kaart 123");
  });

  it("keeps only text when the mail has HTML only", async () => {
    const info = await client.sendMail({
      from: "someone@example.org",
      to: CITY,
      subject: "Enkel HTML",
      html: "<h1>Hallo</h1><p>Een <a href='https://evil.example'>link</a> en <img src=x onerror=alert(1)> tekst.</p>",
    });
    const moment = await byMessageId(info.messageId);
    expect(moment!.summary.toLowerCase()).toContain("hallo");
    expect(moment!.summary).toContain("tekst.");
    expect(moment!.summary).not.toMatch(/<|onerror/);
  });

  it("marks out-of-office replies and other machine mail", async () => {
    const auto = await client.sendMail({ from: "away@example.org", to: CITY, subject: "Afwezig", text: "Ik ben weg.", headers: { "Auto-Submitted": "auto-replied" } });
    const human = await client.sendMail({ from: "here@example.org", to: CITY, subject: "Aanwezig", text: "Ik ben er." });
    expect(((await byMessageId(auto.messageId))!.data as { autoSubmitted?: boolean }).autoSubmitted).toBe(true);
    expect(((await byMessageId(human.messageId))!.data as { autoSubmitted?: boolean }).autoSubmitted).toBeUndefined();
  });

  it("stores a mail from an unknown sender without a resident", async () => {
    const info = await client.sendMail({ from: "onbekend@example.net", to: CITY, subject: "Wie ben ik?", text: "Hallo" });
    const moment = await byMessageId(info.messageId);
    expect(moment).toBeDefined();
    expect(moment!.residentId).toBeNull();
    expect((moment!.data as { from: string }).from).toBe("onbekend@example.net");
  });

  it("threads a reply by In-Reply-To and by References", async () => {
    const first = await client.sendMail({ from: "draad@example.org", to: CITY, subject: "Eerste", text: "een" });
    const root = await byMessageId(first.messageId);
    const second = await client.sendMail({ from: "draad@example.org", to: CITY, subject: "Re: Eerste", text: "twee", inReplyTo: first.messageId, references: [first.messageId] });
    const third = await client.sendMail({ from: "draad@example.org", to: CITY, subject: "Re: Re: Eerste", text: "drie", references: [first.messageId, second.messageId] });
    const unrelated = await client.sendMail({ from: "draad@example.org", to: CITY, subject: "Re: iets anders", text: "vier", inReplyTo: "<unknown@elsewhere.example>" });
    expect((await byMessageId(second.messageId))!.threadId).toBe(root!.id);
    expect((await byMessageId(third.messageId))!.threadId).toBe(root!.id);
    const lone = await byMessageId(unrelated.messageId);
    expect(lone!.threadId).toBe(lone!.id);
  });

  it("does not let another sender slip into a conversation by copying its Message-ID", async () => {
    const first = await client.sendMail({ from: "eigenaar@example.org", to: CITY, subject: "Mijn vraag", text: "een" });
    const root = await byMessageId(first.messageId);
    const intruder = await client.sendMail({
      from: "indringer@example.net",
      to: CITY,
      subject: "Re: Mijn vraag",
      text: "ik ook",
      inReplyTo: first.messageId,
      references: [first.messageId],
    });
    const own = await byMessageId(intruder.messageId);
    expect(own!.threadId).toBe(own!.id);
    expect(own!.threadId).not.toBe(root!.id);
  });

  it("refuses recipients that are not the city's address, and accepts a configured one in any case", async () => {
    const before = (await db.select().from(contactMoments)).length;
    await expect(client.sendMail({ from: "spam@example.org", to: "someone@elsewhere.example", subject: "Relay?", text: "x" })).rejects.toThrow(/550|recipient/i);
    expect((await db.select().from(contactMoments)).length).toBe(before);
    const ok = await client.sendMail({ from: "a@example.org", to: "loket@mechelen.EXAMPLE.com", subject: "Hoofdletters", text: "x" });
    expect(ok.accepted).toHaveLength(1);
  });

  it("refuses a mail over the size limit", async () => {
    await expect(client.sendMail({ from: "big@example.org", to: CITY, subject: "Groot", text: "x".repeat(300_000) })).rejects.toThrow(/552|size|large/i);
  });

  it("does not store the same mail twice when a relay delivers it again", async () => {
    const messageId = "<retry-1@relay.example>";
    await client.sendMail({ from: "retry@example.org", to: CITY, subject: "Twee keer", text: "x", messageId });
    await client.sendMail({ from: "retry@example.org", to: CITY, subject: "Twee keer", text: "x", messageId });
    const rows = (await db.select().from(contactMoments)).filter((r) => (r.data as { messageId?: string }).messageId === messageId);
    expect(rows).toHaveLength(1);
  });
});
