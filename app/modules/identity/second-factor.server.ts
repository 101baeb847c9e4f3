import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { and, count, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { sessions, staffRecoveryCodes, staffTotp, users, type SecondFactor } from "../../../db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { DomainError } from "~/modules/platform/errors";
import { hitRateLimit, type RateLimitRule } from "~/modules/platform/rate-limit.server";
import { db, type Tx } from "~/utils/db.server";
import { env, staffSecondFactorRequired } from "~/utils/env.server";
import { staffMayLogIn, type CurrentUser } from "./users.server";

/**
 * The staff second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, the settings every
 * authenticator app supports) through the `otpauth` library, plus single-use recovery codes.
 */
const TOTP_SETTINGS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
const ISSUER = "Stad Mechelen";
export const RECOVERY_CODE_COUNT = 10;

const FIFTEEN_MINUTES = 15 * 60;
const rules = {
  perUser: (): RateLimitRule => ({ name: "second-factor:user", limit: env().RATE_LIMIT_LOGIN_PER_EMAIL, windowSeconds: FIFTEEN_MINUTES }),
  perIp: (): RateLimitRule => ({ name: "second-factor:ip", limit: env().RATE_LIMIT_LOGIN_PER_IP, windowSeconds: FIFTEEN_MINUTES }),
};

/** Every code attempt counts, like a password attempt: per member and per client address. */
async function countAttempt(userId: string, ip: string) {
  for (const [rule, subject] of [
    [rules.perIp(), ip],
    [rules.perUser(), userId],
  ] as const) {
    const result = await hitRateLimit(rule, subject);
    if (!result.allowed) throw new DomainError("RATE_LIMITED", "auth:errors.rateLimited", { retryAfterSeconds: result.retryAfterSeconds });
  }
}

// ---- the secret at rest: AES-256-GCM with a key from TOTP_ENCRYPTION_KEY or the session secret(s)

/** The first key encrypts; every key decrypts, so the session secret can be rotated (keep the old one in SESSION_SECRET_PREVIOUS). */
function keys(): Buffer[] {
  const { TOTP_ENCRYPTION_KEY, SESSION_SECRETS } = env();
  const material = [...(TOTP_ENCRYPTION_KEY ? [TOTP_ENCRYPTION_KEY] : []), ...SESSION_SECRETS];
  return material.map((m) => Buffer.from(hkdfSync("sha256", m, "mechelaar-staff-totp", "totp-secret-v1", 32)));
}

function encryptSecret(base32: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys()[0], iv);
  const data = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

function decryptSecret(stored: string): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("Unknown TOTP secret format");
  for (const key of keys()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      // another key may have encrypted it
    }
  }
  throw new Error("No configured key decrypts this TOTP secret (TOTP_ENCRYPTION_KEY or SESSION_SECRET changed?)");
}

const totpFor = (base32: string, label = "") => new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(base32), ...TOTP_SETTINGS });

/** The time step a 6-digit code belongs to (the current one or one either side), or null. */
function matchingStep(base32: string, token: string): number | null {
  const timestamp = Date.now();
  const delta = TOTP.validate({ token, secret: Secret.fromBase32(base32), timestamp, window: 1, ...TOTP_SETTINGS });
  return delta === null ? null : TOTP.counter({ period: TOTP_SETTINGS.period, timestamp }) + delta;
}

/**
 * Accepts a code once: the step it belongs to must be later than the last step used, set in
 * the same statement, so a code (or an older one) cannot be used again, not even in parallel.
 */
async function useTotpStep(userId: string, step: number, tx: Tx, confirmed: boolean): Promise<boolean> {
  const [row] = await tx
    .update(staffTotp)
    .set({ lastUsedStep: step, ...(confirmed ? {} : { confirmedAt: new Date() }) })
    .where(
      and(
        eq(staffTotp.userId, userId),
        confirmed ? isNotNull(staffTotp.confirmedAt) : isNull(staffTotp.confirmedAt),
        or(isNull(staffTotp.lastUsedStep), lt(staffTotp.lastUsedStep, step)),
      ),
    )
    .returning({ userId: staffTotp.userId });
  return Boolean(row);
}

// ---- recovery codes: 10 characters of Crockford base32 (50 bits), shown once, kept as salted SHA-256

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const normalizeRecoveryCode = (code: string) =>
  code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
const hashRecoveryCode = (salt: string, normalized: string) => createHash("sha256").update(`${salt}:${normalized}`).digest("hex");

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => CROCKFORD[randomInt(CROCKFORD.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Replaces all recovery codes of a member; returns the new ones (the only time they are seen). */
async function replaceRecoveryCodes(userId: string, tx: Tx): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
  await tx.insert(staffRecoveryCodes).values(
    codes.map((code) => {
      const salt = randomBytes(16).toString("hex");
      return { userId, salt, codeHash: hashRecoveryCode(salt, normalizeRecoveryCode(code)) };
    }),
  );
  return codes;
}

async function useRecoveryCode(userId: string, given: string): Promise<boolean> {
  const normalized = normalizeRecoveryCode(given);
  const unused = await db
    .select({ id: staffRecoveryCodes.id, salt: staffRecoveryCodes.salt, codeHash: staffRecoveryCodes.codeHash })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)));
  const match = unused.find((c) => {
    const expected = Buffer.from(c.codeHash, "hex");
    const actual = Buffer.from(hashRecoveryCode(c.salt, normalized), "hex");
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  });
  if (!match) return false;
  const [used] = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(staffRecoveryCodes.id, match.id), isNull(staffRecoveryCodes.usedAt)))
    .returning({ id: staffRecoveryCodes.id });
  return Boolean(used);
}

// ---- what the rest of the portal calls

/** Whether a member has a confirmed authenticator (then the staff login always asks for its code). */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: staffTotp.userId })
    .from(staffTotp)
    .where(and(eq(staffTotp.userId, userId), isNotNull(staffTotp.confirmedAt)));
  return Boolean(row);
}

export type SecondFactorStatus = { enrolled: boolean; enrolledAt: Date | null; recoveryCodesLeft: number; required: boolean };

export async function secondFactorStatus(userId: string): Promise<SecondFactorStatus> {
  const [totp] = await db.select({ confirmedAt: staffTotp.confirmedAt }).from(staffTotp).where(eq(staffTotp.userId, userId));
  const [left] = await db
    .select({ n: count() })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)));
  return { enrolled: Boolean(totp?.confirmedAt), enrolledAt: totp?.confirmedAt ?? null, recoveryCodesLeft: left?.n ?? 0, required: staffSecondFactorRequired() };
}

export type TotpEnrolment = { secret: string; uri: string; qrDataUrl: string };

/**
 * The secret to scan while setting up. The same one until it is confirmed, so reloading the
 * page shows the same QR code; a confirmed authenticator is never replaced here (an admin
 * resets it first), so a password alone cannot take over a member's second factor.
 */
export async function startTotpEnrolment(userId: string): Promise<TotpEnrolment> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  await db
    .insert(staffTotp)
    .values({ userId, secretEncrypted: encryptSecret(new Secret({ size: 20 }).base32) })
    .onConflictDoNothing({ target: staffTotp.userId });
  const [row] = await db.select().from(staffTotp).where(eq(staffTotp.userId, userId));
  if (row.confirmedAt) throw new DomainError("CONFLICT", "auth:errors.secondFactorAlreadySet");
  const secret = decryptSecret(row.secretEncrypted);
  const uri = totpFor(secret, user.email ?? "").toString();
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, scale: 6 });
  return { secret, uri, qrDataUrl };
}

/** A member's own settings page: the status, and the secret to scan while none is set up. */
export async function secondFactorSettings(userId: string): Promise<{ status: SecondFactorStatus; enrolment: TotpEnrolment | null }> {
  const status = await secondFactorStatus(userId);
  return { status, enrolment: status.enrolled ? null : await startTotpEnrolment(userId) };
}

/** Confirms the authenticator with a first code from the app; returns the 10 new recovery codes. */
export async function confirmTotpEnrolment(userId: string, code: string, ip: string): Promise<string[]> {
  await countAttempt(userId, ip);
  if (!(await staffMayLogIn(userId))) throw new DomainError("VALIDATION", "auth:errors.secondFactorWrong");
  const [row] = await db.select().from(staffTotp).where(eq(staffTotp.userId, userId));
  if (!row) throw new DomainError("VALIDATION", "auth:errors.secondFactorWrong");
  if (row.confirmedAt) throw new DomainError("CONFLICT", "auth:errors.secondFactorAlreadySet");
  const step = matchingStep(decryptSecret(row.secretEncrypted), code);
  if (step === null) throw new DomainError("VALIDATION", "auth:errors.secondFactorWrong");
  return db.transaction(async (tx) => {
    if (!(await useTotpStep(userId, step, tx, false))) throw new DomainError("VALIDATION", "auth:errors.secondFactorWrong");
    const codes = await replaceRecoveryCodes(userId, tx);
    await recordAudit({ actorId: userId, action: "staff.second-factor.enrolled", subjectUserId: userId, entityType: "user", entityId: userId }, tx);
    return codes;
  });
}

/**
 * The second step of the staff login: a 6-digit code from the app, or a recovery code (used
 * up). Rate-limited like the password. Says which factor was used, for the session record.
 */
export async function verifySecondFactor(userId: string, code: string, ip: string): Promise<SecondFactor> {
  await countAttempt(userId, ip);
  const wrong = () => new DomainError("VALIDATION", "auth:errors.secondFactorWrong");
  if (!(await staffMayLogIn(userId))) throw wrong();
  const token = code.replace(/\s+/g, "");
  if (/^\d{6}$/.test(token)) {
    const [row] = await db
      .select()
      .from(staffTotp)
      .where(and(eq(staffTotp.userId, userId), isNotNull(staffTotp.confirmedAt)));
    const step = row ? matchingStep(decryptSecret(row.secretEncrypted), token) : null;
    if (step === null || !(await db.transaction((tx) => useTotpStep(userId, step, tx, true)))) throw wrong();
    return "totp";
  }
  if (!(await hasSecondFactor(userId)) || !(await useRecoveryCode(userId, token))) throw wrong();
  return "recovery-code";
}

/** New recovery codes (the old ones stop working), after a current code from the app. */
export async function renewRecoveryCodes(userId: string, code: string, ip: string): Promise<string[]> {
  await countAttempt(userId, ip);
  const [row] = await db
    .select()
    .from(staffTotp)
    .where(and(eq(staffTotp.userId, userId), isNotNull(staffTotp.confirmedAt)));
  const step = row ? matchingStep(decryptSecret(row.secretEncrypted), code.replace(/\s+/g, "")) : null;
  if (step === null) throw new DomainError("VALIDATION", "auth:errors.secondFactorWrong");
  return db.transaction(async (tx) => {
    if (!(await useTotpStep(userId, step, tx, true))) throw new DomainError("VALIDATION", "auth:errors.secondFactorWrong");
    const codes = await replaceRecoveryCodes(userId, tx);
    await recordAudit({ actorId: userId, action: "staff.second-factor.recovery-codes-renewed", subjectUserId: userId, entityType: "user", entityId: userId }, tx);
    return codes;
  });
}

/**
 * An admin removes a member's authenticator and recovery codes (a lost phone) and ends their
 * sessions; at the next login they set up a new one (where it is required). Audited.
 */
export async function resetSecondFactor(actor: CurrentUser, targetId: string) {
  if (!actor.roles.includes("admin")) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, targetId), sql`${users.roles} && array['frontoffice','backoffice','editor','host','admin']::text[]`));
    if (!target) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    const removed = await tx.delete(staffTotp).where(eq(staffTotp.userId, targetId)).returning({ confirmedAt: staffTotp.confirmedAt });
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, targetId));
    await tx.delete(sessions).where(eq(sessions.userId, targetId));
    await recordAudit(
      {
        actorId: actor.id,
        action: "staff.second-factor.reset",
        subjectUserId: targetId,
        entityType: "user",
        entityId: targetId,
        details: { hadAuthenticator: Boolean(removed[0]?.confirmedAt) },
      },
      tx,
    );
  });
}
