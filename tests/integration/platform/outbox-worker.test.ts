import { eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterEach, describe, expect, it } from "vitest";
import { outbox } from "../../../db/schema";
import {
  backoffSeconds,
  deliverDueMail,
  enqueueMail,
  maskAddress,
  MIN_ATTEMPTS,
  RETRY_WINDOW_HOURS,
  sanitiseMailError,
  setMailTransportForTesting,
} from "../../../app/modules/notify/outbox.server";
import { db } from "../../../app/utils/db.server";

const mail = (to: string) => ({ to, subject: "Onderwerp", text: "Tekst", template: "test", language: "nl" });

afterEach(() => setMailTransportForTesting(undefined));

describe("the outbox", () => {
  it("is written in the same transaction as the change: a rolled-back change sends nothing", async () => {
    await db
      .transaction(async (tx) => {
        await enqueueMail(mail("rollback@example.com"), tx);
        throw new Error("the change failed");
      })
      .catch(() => {});
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, "rollback@example.com"))).toHaveLength(0);
  });

  it("delivers pending mail once, even with two workers at the same time", async () => {
    for (let i = 0; i < 30; i++) await db.transaction((tx) => enqueueMail(mail(`m${i}@example.com`), tx));
    const sent: string[] = [];
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const original = transport.sendMail.bind(transport);
    transport.sendMail = ((m: { to: string }) => {
      sent.push(String(m.to));
      return original(m as never);
    }) as typeof transport.sendMail;
    setMailTransportForTesting(transport);
    const results = await Promise.all([deliverDueMail(10), deliverDueMail(10), deliverDueMail(10), deliverDueMail(10)]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(30);
    expect(new Set(sent).size).toBe(30);
    expect(sent).toHaveLength(30);
    const statuses = await db.select({ status: outbox.status }).from(outbox);
    expect(statuses.every((s) => s.status === "sent")).toBe(true);
  });

  it("retries a failing mail with growing waits, capped at an hour, for 48 hours before it is marked failed", async () => {
    await db.transaction((tx) => enqueueMail(mail("fails@example.com"), tx));
    const failing = nodemailer.createTransport({ jsonTransport: true });
    failing.sendMail = (() => Promise.reject(new Error("SMTP server said no"))) as typeof failing.sendMail;
    setMailTransportForTesting(failing);

    await deliverDueMail();
    let [row] = await db.select().from(outbox).where(eq(outbox.toAddress, "fails@example.com"));
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(1);
    expect(row.lastError).toBe("SMTP server said no");
    const wait = (row.nextAttemptAt.getTime() - Date.now()) / 1000;
    expect(wait).toBeGreaterThan(backoffSeconds(1) - 5);
    expect(wait).toBeLessThan(backoffSeconds(1) + 5);

    // Not due yet: nothing happens.
    expect(await deliverDueMail()).toEqual({ sent: 0, failed: 0 });

    // The old limit (8 attempts, about an hour) no longer gives up: a mail queued an hour ago stays pending.
    for (let attempt = 2; attempt <= MIN_ATTEMPTS + 2; attempt++) {
      await db.execute(sql`update outbox set next_attempt_at = now() - interval '1 second', created_at = now() - interval '1 hour'`);
      await deliverDueMail();
    }
    [row] = await db.select().from(outbox).where(eq(outbox.toAddress, "fails@example.com"));
    expect(row.status).toBe("pending");
    expect(backoffSeconds(2)).toBe(2 * backoffSeconds(1));
    expect(backoffSeconds(row.attempts)).toBe(3600);
    expect(backoffSeconds(1000)).toBe(3600);

    // Queued more than 48 hours ago: the next failure marks it failed, with the reason kept.
    await db.execute(
      sql`update outbox set next_attempt_at = now() - interval '1 second', created_at = now() - make_interval(hours => ${RETRY_WINDOW_HOURS}) - interval '1 minute'`,
    );
    await deliverDueMail();
    [row] = await db.select().from(outbox).where(eq(outbox.toAddress, "fails@example.com"));
    expect(row.status).toBe("failed");
    expect(row.lastError).toBe("SMTP server said no");
  });

  it("keeps secrets and addresses out of the stored reason", () => {
    expect(sanitiseMailError("connect smtps://mailer:hunter2@mail.example:465 failed")).not.toContain("hunter2");
    expect(sanitiseMailError("550 <an.peeters@example.com>: mailbox unavailable")).toBe("550 <a***@example.com>: mailbox unavailable");
    expect(sanitiseMailError("x".repeat(2000))).toHaveLength(300);
    expect(maskAddress("an.peeters@example.com")).toBe("a***@example.com");
  });
});
