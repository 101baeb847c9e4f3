import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { auditLog, sessions, staffRecoveryCodes, staffTotp } from "../../../db/schema";
import { loginStaff } from "../../../app/modules/identity/auth.server";
import { getOptionalUser, requireStaff } from "../../../app/modules/identity/guards.server";
import {
  confirmTotpEnrolment,
  RECOVERY_CODE_COUNT,
  renewRecoveryCodes,
  resetSecondFactor,
  secondFactorStatus,
  startTotpEnrolment,
  verifySecondFactor,
} from "../../../app/modules/identity/second-factor.server";
import { EMAIL_CODE_AUTH, staffPasswordAuth, startUserSession } from "../../../app/modules/identity/sessions.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { DomainError } from "../../../app/modules/platform/errors";
import { db } from "../../../app/utils/db.server";
import { ensureStaff } from "../../factories/identity";

const codeAt = (secret: string, offsetSeconds = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: Date.now() + offsetSeconds * 1000 });
const thrown = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );
const messageOf = async (p: Promise<unknown>) => ((await thrown(p)) as DomainError).messageKey;

async function enrolled(email: string, roles: Parameters<typeof ensureStaff>[1]["roles"] = ["backoffice"]) {
  const user = await ensureStaff(db, { email, roles });
  const { secret } = await startTotpEnrolment(user.id);
  const recoveryCodes = await confirmTotpEnrolment(user.id, codeAt(secret), "10.5.0.1");
  return { user, secret, recoveryCodes };
}

async function requestWith(userId: string, how: Parameters<typeof startUserSession>[2]) {
  const cookie = (await startUserSession(new Request("http://portal.test/"), userId, how)).split(";")[0];
  return new Request("http://portal.test/werk", { headers: { Cookie: cookie } });
}

describe("staff rights depend on how the session was made", () => {
  it("a session made with a resident e-mail code carries no staff role, even for an admin account", async () => {
    const admin = await ensureStaff(db, { email: "code.admin@example.com", roles: ["admin"] });
    const req = await requestWith(admin.id, EMAIL_CODE_AUTH);
    const user = await getOptionalUser(req);
    expect(user).toMatchObject({ id: admin.id, roles: [], isStaff: false, session: { method: "email-code", assurance: "low", secondFactor: null } });
    expect(((await thrown(requireStaff(req))) as Response).status).toBe(403);
    expect(((await thrown(requireStaff(await requestWith(admin.id, EMAIL_CODE_AUTH), "admin"))) as Response).status).toBe(403);
  });

  it("records the method, assurance and second factor in the session row", async () => {
    const staff = await ensureStaff(db, { email: "record@example.com", roles: ["editor"] });
    await requestWith(staff.id, staffPasswordAuth("totp"));
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, staff.id));
    expect({ method: row.authMethod, assurance: row.assurance, secondFactor: row.secondFactor }).toEqual({
      method: "staff-password",
      assurance: "substantial",
      secondFactor: "totp",
    });
    expect(row.data).not.toHaveProperty("auth");
  });
});

describe("the TOTP second factor", () => {
  it("keeps the secret encrypted, confirms with a code from the app and hands out ten hashed recovery codes", async () => {
    const user = await ensureStaff(db, { email: "totp@example.com", roles: ["frontoffice"] });
    expect((await loginStaff("totp@example.com", "Correct-horse-battery-1", "10.5.0.2")).next).toBe("session");
    const first = await startTotpEnrolment(user.id);
    expect((await startTotpEnrolment(user.id)).secret).toBe(first.secret);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/Stad%20Mechelen:totp%40example\.com\?/);
    expect(first.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const [stored] = await db.select().from(staffTotp).where(eq(staffTotp.userId, user.id));
    expect(stored.secretEncrypted).not.toContain(first.secret);
    expect(stored.confirmedAt).toBeNull();

    expect(await messageOf(confirmTotpEnrolment(user.id, "000000" === codeAt(first.secret) ? "111111" : "000000", "10.5.0.2"))).toBe("auth:errors.secondFactorWrong");
    const codes = await confirmTotpEnrolment(user.id, codeAt(first.secret), "10.5.0.2");
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const rows = await db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, user.id));
    expect(rows).toHaveLength(RECOVERY_CODE_COUNT);
    for (const row of rows) {
      expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(codes.some((c) => row.codeHash.includes(c.replace("-", "")))).toBe(false);
    }
    expect(await secondFactorStatus(user.id)).toMatchObject({ enrolled: true, recoveryCodesLeft: RECOVERY_CODE_COUNT });
    expect((await loginStaff("totp@example.com", "Correct-horse-battery-1", "10.5.0.2")).next).toBe("second-factor");
    // A confirmed authenticator is never replaced by a new set-up.
    expect(await messageOf(startTotpEnrolment(user.id))).toBe("auth:errors.secondFactorAlreadySet");
    expect((await db.select().from(auditLog).where(eq(auditLog.subjectUserId, user.id))).map((a) => a.action)).toContain("staff.second-factor.enrolled");
  });

  it("accepts a code once: not again, and no older code after it", async () => {
    const { user, secret } = await enrolled("replay@example.com");
    // The set-up used the current code.
    expect(await messageOf(verifySecondFactor(user.id, codeAt(secret), "10.5.0.3"))).toBe("auth:errors.secondFactorWrong");
    await expect(verifySecondFactor(user.id, codeAt(secret, 30), "10.5.0.3")).resolves.toBe("totp");
    expect(await messageOf(verifySecondFactor(user.id, codeAt(secret, 30), "10.5.0.3"))).toBe("auth:errors.secondFactorWrong");
  });

  it("lets each recovery code in once, in any spelling", async () => {
    const { user, recoveryCodes } = await enrolled("recovery@example.com");
    await expect(verifySecondFactor(user.id, ` ${recoveryCodes[0].toLowerCase()} `, "10.5.0.4")).resolves.toBe("recovery-code");
    expect(await messageOf(verifySecondFactor(user.id, recoveryCodes[0], "10.5.0.4"))).toBe("auth:errors.secondFactorWrong");
    expect((await secondFactorStatus(user.id)).recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 1);
  });

  it("makes new recovery codes only with a code from the app; the old ones stop working", async () => {
    const { user, secret, recoveryCodes } = await enrolled("renew@example.com");
    expect(await messageOf(renewRecoveryCodes(user.id, recoveryCodes[0], "10.5.0.7"))).toBe("auth:errors.secondFactorWrong");
    const renewed = await renewRecoveryCodes(user.id, codeAt(secret, 30), "10.5.0.7");
    expect(await messageOf(verifySecondFactor(user.id, recoveryCodes[1], "10.5.0.7"))).toBe("auth:errors.secondFactorWrong");
    await expect(verifySecondFactor(user.id, renewed[1], "10.5.0.7")).resolves.toBe("recovery-code");
  });

  it("counts code attempts like password attempts: after five, even the right code is refused", async () => {
    const { user, secret } = await enrolled("brute.totp@example.com");
    for (let i = 0; i < 4; i++) expect(await messageOf(verifySecondFactor(user.id, "ABCDE-FGHJK", `10.6.0.${i}`))).toBe("auth:errors.secondFactorWrong");
    const limited = (await thrown(verifySecondFactor(user.id, codeAt(secret, 30), "10.6.0.9"))) as DomainError;
    expect(limited.code).toBe("RATE_LIMITED");
  });

  it("gives a deactivated member no way through the second step", async () => {
    const { user, secret } = await enrolled("stopped.totp@example.com");
    const admin = (await loadCurrentUser((await ensureStaff(db, { email: "admin.stop@example.com", roles: ["admin"] })).id))!;
    const { saveStaffMember } = await import("../../../app/modules/identity/staff.server");
    await saveStaffMember(admin, { name: "Gestopt", email: "stopped.totp@example.com", roles: ["backoffice"], teamIds: [], active: false }, user.id);
    expect(await messageOf(verifySecondFactor(user.id, codeAt(secret, 30), "10.5.0.5"))).toBe("auth:errors.secondFactorWrong");
  });

  it("lets an admin reset a member's second factor: audited, sessions ended; nobody else may", async () => {
    const { user } = await enrolled("lost.phone@example.com");
    await requestWith(user.id, staffPasswordAuth("totp"));
    const fo = (await loadCurrentUser((await ensureStaff(db, { email: "fo.reset@example.com", roles: ["frontoffice"] })).id))!;
    expect(((await thrown(resetSecondFactor(fo, user.id))) as DomainError).code).toBe("FORBIDDEN");
    const admin = (await loadCurrentUser((await ensureStaff(db, { email: "admin.reset@example.com", roles: ["admin"] })).id))!;
    await resetSecondFactor(admin, user.id);
    expect(await secondFactorStatus(user.id)).toMatchObject({ enrolled: false, recoveryCodesLeft: 0 });
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "staff.second-factor.reset"));
    expect(entry).toMatchObject({ actorId: admin.id, subjectUserId: user.id, details: { hadAuthenticator: true } });
    expect((await loginStaff("lost.phone@example.com", "Correct-horse-battery-1", "10.5.0.6")).next).toBe("session");
  });
});
