import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { loginCodes, users, type Language, type PreferredChannel } from "../../../db/schema";
import { DomainError } from "~/modules/platform/errors";
import { hitRateLimit, type RateLimitRule } from "~/modules/platform/rate-limit.server";
import { enqueueMail } from "~/modules/notify/outbox.server";
import { db } from "~/utils/db.server";
import { env, isProduction } from "~/utils/env.server";
import { fixedT } from "~/utils/i18next.server";
import { verifyPassword } from "./passwords.server";
import { findUserByEmail, isStaffRoles } from "./users.server";

export const CODE_TTL_MINUTES = 10;
export const MAX_CODE_ATTEMPTS = 5;

const FIFTEEN_MINUTES = 15 * 60;
const rules = {
  codePerEmail: (): RateLimitRule => ({ name: "code-request:email", limit: env().RATE_LIMIT_LOGIN_PER_EMAIL, windowSeconds: FIFTEEN_MINUTES }),
  codePerIp: (): RateLimitRule => ({ name: "code-request:ip", limit: env().RATE_LIMIT_LOGIN_PER_IP, windowSeconds: FIFTEEN_MINUTES }),
  verifyPerIp: (): RateLimitRule => ({ name: "code-verify:ip", limit: env().RATE_LIMIT_LOGIN_PER_IP, windowSeconds: FIFTEEN_MINUTES }),
  registerPerIp: (): RateLimitRule => ({ name: "register:ip", limit: 10, windowSeconds: 60 * 60 }),
  staffPerEmail: (): RateLimitRule => ({ name: "staff-login:email", limit: env().RATE_LIMIT_LOGIN_PER_EMAIL, windowSeconds: FIFTEEN_MINUTES }),
  staffPerIp: (): RateLimitRule => ({ name: "staff-login:ip", limit: env().RATE_LIMIT_LOGIN_PER_IP, windowSeconds: FIFTEEN_MINUTES }),
};

async function enforce(rule: RateLimitRule, subject: string) {
  const result = await hitRateLimit(rule, subject);
  if (!result.allowed) {
    throw new DomainError("RATE_LIMITED", "auth:errors.rateLimited", { retryAfterSeconds: result.retryAfterSeconds });
  }
}

/** Demo accounts exist for local use only: in production they never get in, seeded or not. */
const canLogIn = (user: { active: boolean; isDemo: boolean }) => user.active && !(user.isDemo && isProduction());

const normalizeEmail = (email: string) => email.trim().toLowerCase();

const hashCode = (codeId: string, code: string) => createHash("sha256").update(`${codeId}:${code}`).digest("hex");

/** Makes a new code (older ones stop working) and queues the mail, in one transaction. */
async function issueCode(user: { id: string; email: string | null; name: string; preferredLanguage: string }) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db.transaction(async (tx) => {
    await tx.update(loginCodes).set({ usedAt: new Date() }).where(and(eq(loginCodes.userId, user.id), isNull(loginCodes.usedAt)));
    const [row] = await tx
      .insert(loginCodes)
      .values({ userId: user.id, codeHash: "pending", expiresAt: new Date(Date.now() + CODE_TTL_MINUTES * 60_000) })
      .returning({ id: loginCodes.id });
    await tx.update(loginCodes).set({ codeHash: hashCode(row.id, code) }).where(eq(loginCodes.id, row.id));
    const t = fixedT(user.preferredLanguage, "auth");
    await enqueueMail(
      {
        to: user.email!,
        subject: t("mail.code.subject", { code }),
        text: t("mail.code.body", { name: user.name, code, minutes: CODE_TTL_MINUTES, url: `${env().PUBLIC_URL}/aanmelden/code` }),
        template: "login-code",
        language: user.preferredLanguage,
      },
      tx,
    );
  });
  return code;
}

export type RegisterInput = { name: string; email: string; preferredLanguage: Language; preferredChannel: PreferredChannel };

/**
 * Registers a resident and sends a login code. An address that already has an account
 * simply gets a code: the answer is the same, so nobody learns who is registered.
 */
export async function registerResident(raw: RegisterInput, ip: string) {
  const input = { ...raw, email: normalizeEmail(raw.email) };
  await enforce(rules.registerPerIp(), ip);
  await enforce(rules.codePerEmail(), input.email);
  let user = await findUserByEmail(input.email);
  if (!user) {
    const inserted = await db
      .insert(users)
      .values({ ...input, roles: ["resident"] })
      .onConflictDoNothing()
      .returning();
    user = inserted[0] ?? (await findUserByEmail(input.email));
  }
  if (user && canLogIn(user)) await issueCode(user);
}

/** Sends a login code when the address belongs to an active account; always answers the same. */
export async function requestLoginCode(rawEmail: string, ip: string) {
  const email = normalizeEmail(rawEmail);
  await enforce(rules.codePerIp(), ip);
  await enforce(rules.codePerEmail(), email);
  const user = await findUserByEmail(email);
  if (user && canLogIn(user) && user.roles.includes("resident")) await issueCode(user);
}

/**
 * Checks a code. Each code allows MAX_CODE_ATTEMPTS tries, counted atomically before the
 * comparison, so parallel guesses cannot exceed it; after that even the right code is refused.
 */
export async function verifyLoginCode(rawEmail: string, code: string, ip: string) {
  const email = normalizeEmail(rawEmail);
  await enforce(rules.verifyPerIp(), ip);
  const user = await findUserByEmail(email);
  if (!user || !canLogIn(user)) throw new DomainError("VALIDATION", "auth:errors.codeWrong");
  const [latest] = await db
    .select()
    .from(loginCodes)
    .where(and(eq(loginCodes.userId, user.id), isNull(loginCodes.usedAt), gt(loginCodes.expiresAt, new Date())))
    .orderBy(desc(loginCodes.createdAt))
    .limit(1);
  if (!latest) throw new DomainError("VALIDATION", "auth:errors.codeExpired");

  const [counted] = await db
    .update(loginCodes)
    .set({ attempts: sql`${loginCodes.attempts} + 1` })
    .where(and(eq(loginCodes.id, latest.id), sql`${loginCodes.attempts} < ${MAX_CODE_ATTEMPTS}`, isNull(loginCodes.usedAt)))
    .returning({ attempts: loginCodes.attempts });
  if (!counted) throw new DomainError("VALIDATION", "auth:errors.codeTooManyTries");

  const expected = Buffer.from(latest.codeHash, "hex");
  const given = Buffer.from(hashCode(latest.id, code), "hex");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new DomainError("VALIDATION", counted.attempts >= MAX_CODE_ATTEMPTS ? "auth:errors.codeTooManyTries" : "auth:errors.codeWrong", {
      triesLeft: MAX_CODE_ATTEMPTS - counted.attempts,
    });
  }

  const [used] = await db
    .update(loginCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(loginCodes.id, latest.id), isNull(loginCodes.usedAt)))
    .returning({ id: loginCodes.id });
  if (!used) throw new DomainError("VALIDATION", "auth:errors.codeExpired");
  await db.update(users).set({ claimedAt: sql`coalesce(${users.claimedAt}, now())` }).where(eq(users.id, user.id));
  return { id: user.id };
}

export async function loginStaff(email: string, password: string, ip: string) {
  await enforce(rules.staffPerIp(), ip);
  await enforce(rules.staffPerEmail(), email);
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || !canLogIn(user) || !isStaffRoles(user.roles)) {
    throw new DomainError("VALIDATION", "auth:errors.staffLoginFailed");
  }
  return { id: user.id };
}
