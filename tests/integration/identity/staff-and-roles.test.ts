import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, users } from "../../../db/schema";
import { loginStaff } from "../../../app/modules/identity/auth.server";
import { requireStaff, requireUser } from "../../../app/modules/identity/guards.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { listStaff, saveStaffMember } from "../../../app/modules/identity/staff.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { DomainError } from "../../../app/modules/platform/errors";
import { db } from "../../../app/utils/db.server";
import { ensureResident, ensureStaff, ensureTeam } from "../../factories/identity";

async function requestAs(userId: string | null, path: string) {
  const url = `http://portal.test${path}`;
  if (!userId) return new Request(url);
  const setCookie = await startUserSession(new Request(url), userId, true);
  return new Request(url, { headers: { Cookie: setCookie.split(";")[0] } });
}

async function thrown(p: Promise<unknown>) {
  return p.then(
    () => undefined,
    (e) => e,
  );
}

describe("staff login", () => {
  it("stores passwords as argon2id and accepts only the right one", async () => {
    const staff = await ensureStaff(db, { email: "fo@example.com", roles: ["frontoffice"], password: "A-long-enough-secret-1" });
    expect(staff.passwordHash).toMatch(/^\$argon2id\$/);
    await expect(loginStaff("fo@example.com", "A-long-enough-secret-1", "10.0.1.1")).resolves.toEqual({ id: staff.id, next: "session" });
    const err = await thrown(loginStaff("fo@example.com", "wrong", "10.0.1.1"));
    expect((err as DomainError).messageKey).toBe("auth:errors.staffLoginFailed");
  });

  it("gives residents and deactivated staff no way in through the staff login", async () => {
    const resident = await ensureResident(db, { email: "res@example.com" });
    await db
      .update(users)
      .set({ passwordHash: (await ensureStaff(db, { email: "tmp@example.com", roles: ["host"] })).passwordHash })
      .where(eq(users.id, resident.id));
    await expect(loginStaff("res@example.com", "Correct-horse-battery-1", "10.0.1.2")).rejects.toBeInstanceOf(DomainError);
    const gone = await ensureStaff(db, { email: "gone@example.com", roles: ["backoffice"] });
    await db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    await expect(loginStaff("gone@example.com", "Correct-horse-battery-1", "10.0.1.2")).rejects.toBeInstanceOf(DomainError);
  });

  it("locks an address after five failed passwords, even with the right one", async () => {
    await ensureStaff(db, { email: "brute@example.com", roles: ["editor"] });
    for (let i = 0; i < 5; i++) await expect(loginStaff("brute@example.com", `guess-${i}`, `10.3.0.${i}`)).rejects.toBeInstanceOf(DomainError);
    const err = await thrown(loginStaff("brute@example.com", "Correct-horse-battery-1", "10.3.0.99"));
    expect((err as DomainError).code).toBe("RATE_LIMITED");
  });
});

describe("requireUser", () => {
  it("sends anonymous visitors to the right login page and back", async () => {
    const staffPage = await thrown(requireStaff(await requestAs(null, "/werk/beheer/medewerkers?x=1"), "admin"));
    expect(staffPage).toBeInstanceOf(Response);
    expect((staffPage as Response).headers.get("Location")).toBe(`/medewerkers/aanmelden?redirectTo=${encodeURIComponent("/werk/beheer/medewerkers?x=1")}`);
    const residentPage = await thrown(requireUser(await requestAs(null, "/mijn"), { role: "resident" }));
    expect((residentPage as Response).headers.get("Location")).toBe(`/aanmelden?redirectTo=${encodeURIComponent("/mijn")}`);
  });

  it("answers 403 to a resident on a staff page and to staff without the role", async () => {
    const resident = await ensureResident(db, { email: "r403@example.com" });
    const res = await thrown(requireStaff(await requestAs(resident.id, "/werk")));
    expect((res as Response).status).toBe(403);
    const fo = await ensureStaff(db, { email: "fo403@example.com", roles: ["frontoffice"] });
    const admin = await thrown(requireStaff(await requestAs(fo.id, "/werk/beheer/medewerkers"), "admin"));
    expect((admin as Response).status).toBe(403);
    await expect(requireStaff(await requestAs(fo.id, "/werk"))).resolves.toMatchObject({ id: fo.id });
  });
});

describe("staff administration", () => {
  it("lets an admin create and change staff, with roles, teams and an audit trail", async () => {
    const adminUser = await ensureStaff(db, { email: "admin@example.com", roles: ["admin"] });
    const actor = (await loadCurrentUser(adminUser.id))!;
    const team = await ensureTeam(db, { slug: "welzijn", name: "Welzijn" });
    const id = await saveStaffMember(actor, {
      name: "Nieuwe Collega",
      email: "nieuw@example.com",
      roles: ["backoffice"],
      teamIds: [team.id],
      password: "Een-goed-wachtwoord-1",
      active: true,
    });
    const created = (await loadCurrentUser(id))!;
    expect(created.roles).toEqual(["backoffice"]);
    expect(created.teams.map((t) => t.slug)).toEqual(["welzijn"]);
    // They are Welzijn's only member here: the admin confirms the team may go on without members.
    await saveStaffMember(actor, { name: "Nieuwe Collega", email: "nieuw@example.com", roles: ["backoffice", "editor"], teamIds: [], active: true, confirmLastMember: true }, id);
    const changed = (await loadCurrentUser(id))!;
    expect(changed.roles).toEqual(["backoffice", "editor"]);
    expect(changed.teams).toEqual([]);
    const trail = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, id));
    expect(trail.map((a) => a.action).sort()).toEqual(["staff.created", "staff.updated"]);
    expect(trail.every((a) => a.actorId === adminUser.id)).toBe(true);
  });

  it("refuses non-admins, duplicate addresses and an admin removing their own admin role", async () => {
    const fo = (await loadCurrentUser((await ensureStaff(db, { email: "fo2@example.com", roles: ["frontoffice"] })).id))!;
    await expect(listStaff(fo)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = (await loadCurrentUser((await ensureStaff(db, { email: "admin2@example.com", roles: ["admin"] })).id))!;
    await expect(
      saveStaffMember(admin, { name: "X", email: "fo2@example.com", roles: ["host"], teamIds: [], password: "Een-goed-wachtwoord-1", active: true }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(saveStaffMember(admin, { name: "Zelf", email: "admin2@example.com", roles: ["host"], teamIds: [], active: true }, admin.id)).rejects.toMatchObject({
      messageKey: "admin:errors.cannotDemoteSelf",
    });
  });

  it("ends every session of an account that is switched off", async () => {
    const admin = (await loadCurrentUser((await ensureStaff(db, { email: "admin3@example.com", roles: ["admin"] })).id))!;
    const host = await ensureStaff(db, { email: "host3@example.com", roles: ["host"] });
    const req = await requestAs(host.id, "/werk");
    await expect(requireStaff(req)).resolves.toMatchObject({ id: host.id });
    await saveStaffMember(admin, { name: "Host", email: "host3@example.com", roles: ["host"], teamIds: [], active: false }, host.id);
    const again = new Request("http://portal.test/werk", { headers: { Cookie: req.headers.get("Cookie")! } });
    const res = await thrown(requireStaff(again));
    expect((res as Response).status).toBe(302);
  });
});
