import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { loginCodes, users, type Language, type PreferredChannel, type Role } from "../../../db/schema";
import { DomainError } from "~/modules/platform/errors";
import { hitRateLimit, type RateLimitRule } from "~/modules/platform/rate-limit.server";
import { enqueueMail } from "~/modules/notify/outbox.server";
import { db } from "~/utils/db.server";
import { env, staffSecondFactorRequired } from "~/utils/env.server";
import { fixedT } from "~/utils/i18next.server";
import { verifyPassword } from "./passwords.server";
import { hasSecondFactor } from "./second-factor.server";
import { canLogIn, findUserByEmail, isStaffRoles } from "./users.server";

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

const normalizeEmail = (email: string) => email.trim().toLowerCase();

const hashCode = (codeId: string, code: string) => createHash("sha256").update(`${codeId}:${code}`).digest("hex");

/** Matches no row: stands in for a user or code id where an address gets no code. */
const NO_ID = "00000000-0000-0000-0000-000000000000";
const NO_HASH = "0".repeat(64);

/**
 * Who may log in with a resident code: an active account with the resident role and no staff
 * role. A staff address never gets a code; it uses the staff login (password and second factor).
 */
const mayUseResidentCode = (user: { active: boolean; isDemo: boolean; roles: Role[] }) => canLogIn(user) && user.roles.includes("resident") && !isStaffRoles(user.roles);

type Recipient = { id: string; email: string | null; name: string; preferredLanguage: string };

/**
 * Makes a new code (older ones stop working) and queues the mail, in one transaction. Without a
 * recipient (an unknown or staff address) it runs the same statements, matching no row, so the
 * answer takes about as long and nobody learns from the time which addresses have an account.
 */
async function issueCode(user: Recipient | undefined) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const t = fixedT(user?.preferredLanguage ?? "nl", "auth");
  const mail = {
    to: user?.email ?? "",
    subject: t("mail.code.subject", { code }),
    text: t("mail.code.body", { name: user?.name ?? "", code, minutes: CODE_TTL_MINUTES, url: `${env().PUBLIC_URL}/aanmelden/code` }),
    template: "login-code",
    language: user?.preferredLanguage ?? "nl",
  };
  await db.transaction(async (tx) => {
    await tx
      .update(loginCodes)
      .set({ usedAt: new Date() })
      .where(and(eq(loginCodes.userId, user?.id ?? NO_ID), isNull(loginCodes.usedAt)));
    const expiresAt = new Date(Date.now() + CODE_TTL_MINUTES * 60_000);
    if (!user) {
      await tx.execute(sql`insert into login_codes (user_id, code_hash, expires_at) select ${NO_ID}::uuid, ${NO_HASH}, ${expiresAt.toISOString()}::timestamptz where false`);
      await tx
        .update(loginCodes)
        .set({ codeHash: hashCode(NO_ID, code) })
        .where(eq(loginCodes.id, NO_ID));
      await tx.execute(
        sql`insert into outbox (to_address, subject, text, template, language) select ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.template}, ${mail.language} where false`,
      );
      return;
    }
    const [row] = await tx.insert(loginCodes).values({ userId: user.id, codeHash: "pending", expiresAt }).returning({ id: loginCodes.id });
    await tx
      .update(loginCodes)
      .set({ codeHash: hashCode(row.id, code) })
      .where(eq(loginCodes.id, row.id));
    await enqueueMail(mail, tx);
  });
}

export type RegisterInput = { name: string; email: string; preferredLanguage: Language; preferredChannel: PreferredChannel };

/**
 * Registers a resident and sends a login code. An address that already has an account
 * simply gets a code (a staff address gets none): the answer is the same, so nobody learns
 * who is registered.
 */
export async function registerResident(raw: RegisterInput, ip: string) {
  const input = { ...raw, email: normalizeEmail(raw.email) };
  await enforce(rules.registerPerIp(), ip);
  await enforce(rules.codePerEmail(), input.email);
  // The same two statements for a new and a known address: the insert does nothing when the
  // address exists (a resident's or a staff member's, which is left untouched).
  await db
    .insert(users)
    .values({ ...input, roles: ["resident"] })
    .onConflictDoNothing();
  const user = await findUserByEmail(input.email);
  await issueCode(user && mayUseResidentCode(user) ? user : undefined);
}

/** Sends a login code when the address belongs to an active resident account; always answers the same. */
export async function requestLoginCode(rawEmail: string, ip: string) {
  const email = normalizeEmail(rawEmail);
  await enforce(rules.codePerIp(), ip);
  await enforce(rules.codePerEmail(), email);
  const user = await findUserByEmail(email);
  await issueCode(user && mayUseResidentCode(user) ? user : undefined);
}

/**
 * Checks a code. Each code allows MAX_CODE_ATTEMPTS tries, counted atomically before the
 * comparison, so parallel guesses cannot exceed it; after that even the right code is refused.
 * A wrong, expired, used or over-tried code, and any code for an unknown or staff address, get
 * one and the same answer after the same queries: the form tells nobody which addresses exist.
 */
export async function verifyLoginCode(rawEmail: string, code: string, ip: string) {
  const email = normalizeEmail(rawEmail);
  await enforce(rules.verifyPerIp(), ip);
  const found = await findUserByEmail(email);
  const user = found && mayUseResidentCode(found) ? found : undefined;
  const [latest] = await db
    .select()
    .from(loginCodes)
    .where(and(eq(loginCodes.userId, user?.id ?? NO_ID), isNull(loginCodes.usedAt), gt(loginCodes.expiresAt, new Date())))
    .orderBy(desc(loginCodes.createdAt))
    .limit(1);
  const [counted] = await db
    .update(loginCodes)
    .set({ attempts: sql`${loginCodes.attempts} + 1` })
    .where(and(eq(loginCodes.id, latest?.id ?? NO_ID), sql`${loginCodes.attempts} < ${MAX_CODE_ATTEMPTS}`, isNull(loginCodes.usedAt)))
    .returning({ attempts: loginCodes.attempts });

  const expected = Buffer.from(latest?.codeHash ?? NO_HASH, "hex");
  const given = Buffer.from(hashCode(latest?.id ?? NO_ID, code), "hex");
  const matches = expected.length === given.length && timingSafeEqual(expected, given);
  if (!user || !latest || !counted || !matches) throw new DomainError("VALIDATION", "auth:errors.codeWrong");

  const [used] = await db
    .update(loginCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(loginCodes.id, latest.id), isNull(loginCodes.usedAt)))
    .returning({ id: loginCodes.id });
  if (!used) throw new DomainError("VALIDATION", "auth:errors.codeWrong");
  await db
    .update(users)
    .set({ claimedAt: sql`coalesce(${users.claimedAt}, now())` })
    .where(eq(users.id, user.id));
  return { id: user.id };
}

/** What comes after a right password: a session, the second factor, or setting one up first. */
export type StaffLoginNext = "session" | "second-factor" | "enrol";

/**
 * The first step of the staff login. An unknown address is verified against a dummy hash, so it
 * takes as long as a wrong password and gets the same answer. A member with an authenticator
 * must give its code next; one who must have one but has none sets it up first (no rights yet).
 */
export async function loginStaff(email: string, password: string, ip: string): Promise<{ id: string; next: StaffLoginNext }> {
  await enforce(rules.staffPerIp(), ip);
  await enforce(rules.staffPerEmail(), email);
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || !canLogIn(user) || !isStaffRoles(user.roles)) {
    throw new DomainError("VALIDATION", "auth:errors.staffLoginFailed");
  }
  const next: StaffLoginNext = (await hasSecondFactor(user.id)) ? "second-factor" : staffSecondFactorRequired() ? "enrol" : "session";
  return { id: user.id, next };
}
