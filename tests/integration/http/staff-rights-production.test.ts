import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginCodes, outbox, sessions } from "../../../db/schema";
import { EMAIL_CODE_AUTH, staffPasswordAuth, startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";
import { cookieNames, passwordStep, recoveryCodesOnPage, secretOnPage, totpCode } from "./staff-login-support";

// This file runs the portal as in production (its own process, its own database): the second
// factor is required for every staff role (STAFF_2FA_REQUIRED defaults to true there).
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = "a-production-secret-of-at-least-32-characters";
process.env.SMTP_URL = "smtp://127.0.0.1:1";
delete process.env.STAFF_2FA_REQUIRED;

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const cookieFor = async (userId: string, how: Parameters<typeof startUserSession>[2]) => (await startUserSession(new Request("http://portal.test/"), userId, how)).split(";")[0];

describe("in production, staff rights come only from the staff login with its second factor", () => {
  it("sends a member without an authenticator to set one up right after the password, with no rights before", async () => {
    const member = await ensureStaff(db, { email: "prod.nieuw@example.com", roles: ["frontoffice"] });
    const { jar, res } = await passwordStep(server, "prod.nieuw@example.com");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/medewerkers/aanmelden/tweestapsverificatie");
    expect(cookieNames(res)).toEqual(["__mechelaar_pending_staff_login"]);
    expect(res.headers.getSetCookie()[0]).toMatch(/;\s*Secure/i);
    expect((await server.get("/werk", { Cookie: jar.header() })).headers.get("Location")).toBe("/medewerkers/aanmelden?redirectTo=%2Fwerk");
    // The second step is not a way around the set-up.
    expect((await server.get("/medewerkers/aanmelden/tweede-stap", { Cookie: jar.header() })).headers.get("Location")).toBe("/medewerkers/aanmelden");

    const setup = await server.get("/medewerkers/aanmelden/tweestapsverificatie", { Cookie: jar.header() });
    expect(setup.status).toBe(200);
    const html = await setup.text();
    expect(html).toContain('src="data:image/png;base64,');
    const secret = secretOnPage(html);
    const wrong = await server.post("/medewerkers/aanmelden/tweestapsverificatie", { code: "12345" }, { Cookie: jar.header() });
    expect(wrong.status).toBe(400);
    expect(cookieNames(wrong)).toEqual([]);

    const done = await server.post("/medewerkers/aanmelden/tweestapsverificatie", { code: totpCode(secret) }, { Cookie: jar.header() });
    expect(done.status).toBe(200);
    expect(done.headers.get("Cache-Control")).toBe("no-store");
    expect(recoveryCodesOnPage(await done.text())).toHaveLength(10);
    jar.store(done);
    expect((await server.get("/werk", { Cookie: jar.header() })).status).toBe(200);
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, member.id));
    expect([row.authMethod, row.assurance, row.secondFactor]).toEqual(["staff-password", "substantial", "totp"]);

    // From now on the password is followed by the second step.
    const next = await passwordStep(server, "prod.nieuw@example.com");
    expect(next.res.headers.get("Location")).toBe("/medewerkers/aanmelden/tweede-stap");
  });

  it("gives a staff session without its second factor no rights: back to the staff login", async () => {
    const admin = await ensureStaff(db, { email: "prod.half@example.com", roles: ["admin"] });
    const half = await cookieFor(admin.id, staffPasswordAuth(null));
    const res = await server.get("/werk/beheer/medewerkers", { Cookie: half });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/medewerkers/aanmelden?redirectTo=%2Fwerk%2Fbeheer%2Fmedewerkers");
    expect((await server.get("/werk/beheer/medewerkers", { Cookie: await cookieFor(admin.id, staffPasswordAuth("totp")) })).status).toBe(200);
  });

  it("gives a session from a resident's e-mail code no staff rights, whatever roles the account holds", async () => {
    const admin = await ensureStaff(db, { email: "prod.code@example.com", roles: ["resident", "admin"] });
    const cookie = await cookieFor(admin.id, EMAIL_CODE_AUTH);
    for (const path of ["/werk", "/werk/beheer/medewerkers", "/werk/dossiers", "/werk/inzichten"]) {
      expect((await server.get(path, { Cookie: cookie })).status, path).toBe(403);
    }
    expect((await server.get("/mijn", { Cookie: cookie })).status).toBe(200);
  });

  it("never lets the resident code flow into a staff account, and answers as for any address", async () => {
    await ensureStaff(db, { email: "prod.balie@example.com", roles: ["frontoffice"] });
    await ensureResident(db, { email: "prod.bewoner@example.com" });
    const shape = async (res: Response) => ({ status: res.status, location: res.headers.get("Location"), cookies: cookieNames(res) });
    const staff = await shape(await server.post("/aanmelden", { email: "prod.balie@example.com" }));
    expect(staff).toEqual(await shape(await server.post("/aanmelden", { email: "prod.niemand@example.com" })));
    expect(staff).toEqual(await shape(await server.post("/aanmelden", { email: "prod.bewoner@example.com" })));
    const reg = await server.post("/registreren", { name: "X", email: "prod.balie@example.com", preferredLanguage: "nl", preferredChannel: "email" });
    expect(await shape(reg)).toEqual(staff);
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, "prod.balie@example.com"))).toHaveLength(0);
    expect(await db.select().from(loginCodes)).toHaveLength(1); // the resident's only
    const guess = await server.post("/aanmelden/code", { email: "prod.balie@example.com", code: "123456" });
    expect(guess.status).toBe(400);
    expect(cookieNames(guess)).toEqual([]);
  });
});
