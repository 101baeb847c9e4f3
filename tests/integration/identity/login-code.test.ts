import { createHash } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loginCodes, outbox, users } from "../../../db/schema";
import { registerResident, requestLoginCode, verifyLoginCode, MAX_CODE_ATTEMPTS } from "../../../app/modules/identity/auth.server";
import { DomainError } from "../../../app/modules/platform/errors";
import { db } from "../../../app/utils/db.server";
import { ensureStaff } from "../../factories/identity";

const codeFromLastMail = async (to: string) => {
  const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(desc(outbox.createdAt)).limit(1);
  const match = mail?.text.match(/\b(\d{6})\b/);
  if (!match) throw new Error(`no code mailed to ${to}`);
  return { code: match[1], mail };
};

const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

const thrown = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

async function expectDomainError(p: Promise<unknown>, messageKey: string) {
  const err = await p.then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  expect((err as DomainError).messageKey).toBe(messageKey);
}

describe("resident registration and one-time codes", () => {
  it("registers a resident, mails a code in their language and logs them in with it", async () => {
    await registerResident({ name: "Lotte Janssens", email: "Lotte@Example.com", preferredLanguage: "en", preferredChannel: "email" }, "10.0.0.1");
    const [user] = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = 'lotte@example.com'`);
    expect(user.roles).toEqual(["resident"]);
    expect(user.preferredLanguage).toBe("en");
    const { code, mail } = await codeFromLastMail("lotte@example.com");
    expect(mail.language).toBe("en");
    expect(mail.subject).toContain("Your code");
    const result = await verifyLoginCode("lotte@example.com", code, "10.0.0.1");
    expect(result.id).toBe(user.id);
    const [claimed] = await db.select().from(users).where(eq(users.id, user.id));
    expect(claimed.claimedAt).not.toBeNull();
  });

  it("stores only a hash of the code", async () => {
    await registerResident({ name: "Hash Test", email: "hash@example.com", preferredLanguage: "nl", preferredChannel: "email" }, "10.0.0.2");
    const { code } = await codeFromLastMail("hash@example.com");
    const rows = await db.select().from(loginCodes);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.codeHash).not.toContain(code);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.codeHash))).toBe(true);
  });

  it("refuses a sixth try even when that code is correct", async () => {
    await registerResident({ name: "Zes Pogingen", email: "six@example.com", preferredLanguage: "nl", preferredChannel: "email" }, "10.0.0.3");
    const { code } = await codeFromLastMail("six@example.com");
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      await expect(verifyLoginCode("six@example.com", wrongCodeFor(code), "10.0.0.3")).rejects.toBeInstanceOf(DomainError);
    }
    await expectDomainError(verifyLoginCode("six@example.com", code, "10.0.0.3"), "auth:errors.codeWrong");
    // A new code works again.
    await requestLoginCode("six@example.com", "10.0.0.3");
    const fresh = await codeFromLastMail("six@example.com");
    await expect(verifyLoginCode("six@example.com", fresh.code, "10.0.0.3")).resolves.toHaveProperty("id");
  });

  it("never allows more than five guesses, even when they arrive at the same moment", async () => {
    await registerResident({ name: "Parallel", email: "parallel@example.com", preferredLanguage: "nl", preferredChannel: "email" }, "10.0.0.4");
    const { code } = await codeFromLastMail("parallel@example.com");
    await Promise.allSettled(Array.from({ length: 12 }, () => verifyLoginCode("parallel@example.com", wrongCodeFor(code), `10.1.0.${Math.random()}`)));
    const [row] = await db.select().from(loginCodes).orderBy(desc(loginCodes.createdAt)).limit(1);
    expect(row.attempts).toBe(MAX_CODE_ATTEMPTS);
  });

  it("refuses a code older than ten minutes and a code used once", async () => {
    await registerResident({ name: "Oud", email: "old@example.com", preferredLanguage: "nl", preferredChannel: "email" }, "10.0.0.5");
    const { code } = await codeFromLastMail("old@example.com");
    await db.execute(sql`update login_codes set expires_at = now() - interval '1 second'`);
    await expectDomainError(verifyLoginCode("old@example.com", code, "10.0.0.5"), "auth:errors.codeWrong");

    await requestLoginCode("old@example.com", "10.0.0.5");
    const fresh = await codeFromLastMail("old@example.com");
    await verifyLoginCode("old@example.com", fresh.code, "10.0.0.5");
    await expectDomainError(verifyLoginCode("old@example.com", fresh.code, "10.0.0.5"), "auth:errors.codeWrong");
  });

  it("a new code replaces the previous one", async () => {
    await registerResident({ name: "Twee", email: "two@example.com", preferredLanguage: "nl", preferredChannel: "email" }, "10.0.0.6");
    const first = await codeFromLastMail("two@example.com");
    await requestLoginCode("two@example.com", "10.0.0.6");
    const second = await codeFromLastMail("two@example.com");
    if (first.code !== second.code) {
      await expect(verifyLoginCode("two@example.com", first.code, "10.0.0.6")).rejects.toBeInstanceOf(DomainError);
    }
    await expect(verifyLoginCode("two@example.com", second.code, "10.0.0.6")).resolves.toHaveProperty("id");
  });

  it("answers the same for unknown addresses and sends them nothing", async () => {
    await expect(requestLoginCode("nobody@example.com", "10.0.0.7")).resolves.toBeUndefined();
    const mails = await db.select().from(outbox).where(eq(outbox.toAddress, "nobody@example.com"));
    expect(mails).toHaveLength(0);
  });

  it("never sends a code to a staff address, through registration or the login form", async () => {
    const staff = await ensureStaff(db, { email: "balie@example.com", roles: ["frontoffice"] });
    const both = await ensureStaff(db, { email: "beide@example.com", roles: ["resident", "admin"] });
    await registerResident({ name: "Indringer", email: "Balie@example.com", preferredLanguage: "nl", preferredChannel: "email" }, "10.0.0.11");
    await requestLoginCode("balie@example.com", "10.0.0.11");
    await requestLoginCode("beide@example.com", "10.0.0.11");
    expect(
      await db
        .select()
        .from(outbox)
        .where(sql`${outbox.toAddress} in ('balie@example.com', 'beide@example.com')`),
    ).toHaveLength(0);
    expect(
      await db
        .select()
        .from(loginCodes)
        .where(sql`${loginCodes.userId} in (${staff.id}, ${both.id})`),
    ).toHaveLength(0);
    const [unchanged] = await db.select().from(users).where(eq(users.id, staff.id));
    expect(unchanged.roles).toEqual(["frontoffice"]);
  });

  it("refuses a code for a staff account, even one made before this rule, with the answer any wrong code gets", async () => {
    const staff = await ensureStaff(db, { email: "oudecode@example.com", roles: ["admin"] });
    const [row] = await db
      .insert(loginCodes)
      .values({ userId: staff.id, codeHash: "x", expiresAt: new Date(Date.now() + 600_000) })
      .returning();
    await db
      .update(loginCodes)
      .set({ codeHash: createHash("sha256").update(`${row.id}:123456`).digest("hex") })
      .where(eq(loginCodes.id, row.id));
    await expectDomainError(verifyLoginCode("oudecode@example.com", "123456", "10.0.0.12"), "auth:errors.codeWrong");
  });

  it("gives one answer for a wrong, an expired and an over-tried code and for an unknown address", async () => {
    await registerResident({ name: "Een", email: "een@example.com", preferredLanguage: "nl", preferredChannel: "email" }, "10.0.0.13");
    const { code } = await codeFromLastMail("een@example.com");
    const answers = [
      await thrown(verifyLoginCode("een@example.com", wrongCodeFor(code), "10.0.0.13")),
      await thrown(verifyLoginCode("niemand@example.com", wrongCodeFor(code), "10.0.0.13")),
    ];
    await db.execute(sql`update login_codes set expires_at = now() - interval '1 second'`);
    answers.push(await thrown(verifyLoginCode("een@example.com", code, "10.0.0.13")));
    for (const err of answers) {
      expect(err).toBeInstanceOf(DomainError);
      expect({ key: (err as DomainError).messageKey, details: (err as DomainError).details, status: (err as DomainError).status }).toEqual({
        key: "auth:errors.codeWrong",
        details: {},
        status: 400,
      });
    }
  });

  it("registering an existing address makes no second account", async () => {
    const input = { name: "Dubbel", email: "double@example.com", preferredLanguage: "nl", preferredChannel: "email" } as const;
    await registerResident(input, "10.0.0.8");
    await registerResident({ ...input, email: "DOUBLE@example.com" }, "10.0.0.8");
    const rows = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = 'double@example.com'`);
    expect(rows).toHaveLength(1);
  });

  it("limits code requests per e-mail address", async () => {
    await registerResident({ name: "Limiet", email: "limit@example.com", preferredLanguage: "nl", preferredChannel: "email" }, "10.0.0.9");
    // Registration counted one request; four more are allowed, the next is refused.
    for (let i = 0; i < 4; i++) await requestLoginCode("limit@example.com", `10.2.0.${i}`);
    await expectDomainError(requestLoginCode("limit@example.com", "10.2.0.99"), "auth:errors.rateLimited");
  });

  it("limits code entry per IP address", async () => {
    await registerResident({ name: "IP", email: "ip@example.com", preferredLanguage: "nl", preferredChannel: "email" }, "10.0.0.10");
    const attempts = await Promise.allSettled(Array.from({ length: 31 }, () => verifyLoginCode("ip@example.com", "000000", "10.9.9.9")));
    const limited = attempts.filter((a) => a.status === "rejected" && (a.reason as DomainError).code === "RATE_LIMITED");
    expect(limited.length).toBe(1);
  });
});
