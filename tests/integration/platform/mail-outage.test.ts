import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, outbox } from "../../../db/schema";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { outboxStats } from "../../../app/modules/notify/failed-mail.server";
import { deliverDueMail, enqueueMail, RETRY_WINDOW_HOURS, setMailTransportForTesting } from "../../../app/modules/notify/outbox.server";
import { db } from "../../../app/utils/db.server";
import { ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

/** A local SMTP server that refuses every mail while `down`, and records what it accepted. */
let down = true;
const received: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (down) return callback(Object.assign(new Error("Service unavailable for mailer:hunter2@relay.example"), { responseCode: 451 }));
    callback();
  },
  onData(stream, session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      for (const r of session.envelope.rcptTo) received.push(r.address);
      callback();
    });
  },
});

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: string;
let frontoffice: string;
beforeAll(async () => {
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  setMailTransportForTesting(nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }));
  server = await startTestServer();
  const session = async (email: string, roles: ("admin" | "frontoffice")[]) =>
    (await startUserSession(new Request("http://portal.test/"), (await ensureStaff(db, { email, roles })).id, true)).split(";")[0];
  admin = await session("mails-admin@example.com", ["admin"]);
  frontoffice = await session("mails-front@example.com", ["frontoffice"]);
});
afterAll(async () => {
  setMailTransportForTesting(undefined);
  await server.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});

const mail = (to: string) => ({ to, subject: "Uw aanvraag", text: "Tekst", template: "outage-test", language: "nl" });
const text = async (res: Response) => (await res.text()).replace(/<!-- -->/g, "");

describe("mail during an SMTP outage", () => {
  it("is delivered exactly once when the server comes back after two hours", async () => {
    const recipients = Array.from({ length: 12 }, (_, i) => `bewoner${i}@example.com`);
    for (const to of recipients) await db.transaction((tx) => enqueueMail(mail(to), tx));

    // The worker's clock runs two minutes per round: two simulated hours down, then two up.
    let clock = Date.now();
    const now = () => new Date(clock);
    for (let minute = 0; minute < 120; minute += 2, clock += 120_000) await deliverDueMail(20, { now });
    expect(received).toHaveLength(0);
    const during = await db.select().from(outbox).where(eq(outbox.template, "outage-test"));
    expect(during.every((m) => m.status === "pending" && m.attempts > 5)).toBe(true);
    expect(during[0].lastError).toContain("451");
    expect(during[0].lastError).not.toContain("hunter2");
    expect((await outboxStats()).pending).toBeGreaterThanOrEqual(12);

    down = false;
    for (let minute = 0; minute < 120; minute += 2, clock += 120_000) await deliverDueMail(20, { now });

    expect([...received].sort()).toEqual([...recipients].sort());
    const after = await db.select().from(outbox).where(eq(outbox.template, "outage-test"));
    expect(after.every((m) => m.status === "sent")).toBe(true);
    expect((await outboxStats()).pending).toBe(0);
  });

  it("shows a mail that failed for 48 hours to admins, masked and without secrets, and sends it again once", async () => {
    down = true;
    received.length = 0;
    const id = await db.transaction((tx) => enqueueMail(mail("an.peeters@example.com"), tx));
    await db.execute(sql`update outbox set created_at = now() - make_interval(hours => ${RETRY_WINDOW_HOURS + 1}), attempts = 30 where id = ${id}`);
    await deliverDueMail();
    const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
    expect(row.status).toBe("failed");
    expect(await outboxStats()).toMatchObject({ failed: 1 });

    // Only admins see the page.
    expect((await server.get("/werk/beheer/e-mails", { Cookie: frontoffice })).status).toBe(403);
    const page = await server.get("/werk/beheer/e-mails", { Cookie: admin });
    expect(page.status).toBe(200);
    const html = await text(page);
    expect(html).toContain("a***@example.com");
    expect(html).not.toContain("an.peeters");
    expect(html).not.toContain("hunter2");
    expect(html).toContain("451");
    expect(html).toContain("E-mails die niet verstuurd konden worden");

    // A post from another site is refused; bad input is a 400.
    const foreign = await fetch(`${server.baseUrl}/werk/beheer/e-mails`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "https://evil.example", Cookie: admin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _intent: "retry", id }),
    });
    expect(foreign.status).toBe(403);
    expect((await server.post("/werk/beheer/e-mails", { _intent: "retry", id: "nope" }, { Cookie: admin })).status).toBe(400);
    expect((await server.post("/werk/beheer/e-mails", { _intent: "retry", id }, { Cookie: frontoffice })).status).toBe(403);

    down = false;
    const retried = await server.post("/werk/beheer/e-mails", { _intent: "retry", id }, { Cookie: admin });
    expect(retried.status).toBe(302);
    expect(retried.headers.get("location")).toBe("/werk/beheer/e-mails?opnieuw=1");
    // Sending again twice does not queue it twice.
    expect((await server.post("/werk/beheer/e-mails", { _intent: "retry", id }, { Cookie: admin })).status).toBe(404);
    await deliverDueMail();
    await deliverDueMail();
    expect(received).toEqual(["an.peeters@example.com"]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(["outbox.retried"]);
    expect(await text(await server.get("/werk/beheer/e-mails", { Cookie: admin }))).toContain("Er zijn geen e-mails die niet verstuurd konden worden.");
  });

  it("sends every failed mail again with one button", async () => {
    received.length = 0;
    for (const to of ["een@example.com", "twee@example.com"]) {
      const id = await db.transaction((tx) => enqueueMail(mail(to), tx));
      await db.execute(sql`update outbox set status = 'failed', last_error = 'timeout' where id = ${id}`);
    }
    const res = await server.post("/werk/beheer/e-mails", { _intent: "retryAll" }, { Cookie: admin });
    expect(res.headers.get("location")).toBe("/werk/beheer/e-mails?opnieuw=2");
    await deliverDueMail();
    expect(received.sort()).toEqual(["een@example.com", "twee@example.com"]);
    expect(await outboxStats()).toMatchObject({ pending: 0, failed: 0 });
  });
});
