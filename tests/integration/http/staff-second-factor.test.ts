import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, sessions, staffTotp } from "../../../db/schema";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { ensureStaff } from "../../factories/identity";
import { cookieJar, startTestServer } from "../../setup/http-server";
import { cookieNames, passwordStep, recoveryCodesOnPage, secretOnPage, totpCode } from "./staff-login-support";

// Every request comes from 127.0.0.1: the per-address limits must not get in the way here.
process.env.RATE_LIMIT_LOGIN_PER_IP = "1000";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Sets up the app from the member's own page (outside production the login does not force it). */
async function enrolFromSettings(email: string) {
  const { jar, res } = await passwordStep(server, email);
  expect([res.status, res.headers.get("Location")]).toEqual([302, "/werk"]);
  const page = await server.get("/werk/account/tweestapsverificatie", { Cookie: jar.header() });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="QR-code om met uw app te scannen"/);
  const secret = secretOnPage(html);
  const done = await server.post("/werk/account/tweestapsverificatie", { _intent: "enrol", code: totpCode(secret) }, { Cookie: jar.header() });
  expect(done.status).toBe(200);
  const codes = recoveryCodesOnPage(await done.text());
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

describe("the staff second factor over HTTP, without JavaScript", () => {
  it("outside production a member without an authenticator logs in with the password alone (the demo accounts)", async () => {
    await ensureStaff(db, { email: "zonder@example.com", roles: ["frontoffice"] });
    const { jar, res } = await passwordStep(server, "zonder@example.com");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/werk");
    expect((await server.get("/werk", { Cookie: jar.header() })).status).toBe(200);
    const settings = await (await server.get("/werk/account/tweestapsverificatie", { Cookie: jar.header() })).text();
    expect(settings).toContain("In deze testomgeving is tweestapsverificatie niet verplicht.");
  });

  it("once set up, the password leads to a second step that gives rights only with a right code", async () => {
    const member = await ensureStaff(db, { email: "met.app@example.com", roles: ["backoffice"] });
    const { secret } = await enrolFromSettings("met.app@example.com");
    const [stored] = await db.select().from(staffTotp).where(eq(staffTotp.userId, member.id));
    expect(stored.secretEncrypted).not.toContain(secret);

    const { jar, res } = await passwordStep(server, "met.app@example.com", undefined, "/werk/dossiers");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/medewerkers/aanmelden/tweede-stap");
    expect(cookieNames(res)).toEqual(["__mechelaar_pending_staff_login"]);
    // Between the steps: no session, no rights.
    const between = await server.get("/werk", { Cookie: jar.header() });
    expect(between.status).toBe(302);
    expect(between.headers.get("Location")).toBe("/medewerkers/aanmelden?redirectTo=%2Fwerk");

    const form = await server.get("/medewerkers/aanmelden/tweede-stap", { Cookie: jar.header() });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Tweede stap: de code uit uw app");

    const wrong = await server.post("/medewerkers/aanmelden/tweede-stap", { code: totpCode(secret) === "000000" ? "111111" : "000000" }, { Cookie: jar.header() });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Deze code klopt niet. Vul de code in die nu in uw app staat, of een herstelcode.");
    expect(cookieNames(wrong)).toEqual([]);

    // The code used to set it up cannot be used again; the next one can.
    const replay = await server.post("/medewerkers/aanmelden/tweede-stap", { code: totpCode(secret) }, { Cookie: jar.header() });
    expect(replay.status).toBe(400);
    const ok = await server.post("/medewerkers/aanmelden/tweede-stap", { code: totpCode(secret, 30) }, { Cookie: jar.header() });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/werk/dossiers");
    jar.store(ok);
    expect((await server.get("/werk", { Cookie: jar.header() })).status).toBe(200);
    const rows = await db.select().from(sessions).where(eq(sessions.userId, member.id));
    expect(rows.map((r) => [r.authMethod, r.assurance, r.secondFactor])).toContainEqual(["staff-password", "substantial", "totp"]);
  });

  it("lets a recovery code through the second step once", async () => {
    const member = await ensureStaff(db, { email: "herstel@example.com", roles: ["editor"] });
    const { codes } = await enrolFromSettings("herstel@example.com");
    const first = await passwordStep(server, "herstel@example.com");
    const ok = await server.post("/medewerkers/aanmelden/tweede-stap", { code: codes[3] }, { Cookie: first.jar.header() });
    expect(ok.status).toBe(302);
    const [row] = await db.select().from(sessions).where(eq(sessions.secondFactor, "recovery-code"));
    expect(row.userId).toBe(member.id);
    const again = await passwordStep(server, "herstel@example.com");
    expect((await server.post("/medewerkers/aanmelden/tweede-stap", { code: codes[3] }, { Cookie: again.jar.header() })).status).toBe(400);
  });

  it("sends the second step back to the password without a fresh password step", async () => {
    const res = await server.get("/medewerkers/aanmelden/tweede-stap");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/medewerkers/aanmelden");
    const post = await server.post("/medewerkers/aanmelden/tweede-stap", { code: "123456" });
    expect(post.status).toBe(302);
    expect(post.headers.get("Location")).toBe("/medewerkers/aanmelden");
    expect(cookieNames(post)).toEqual([]);
  });

  it("lets an admin reset a member's second factor (audited) and no one else", async () => {
    const member = await ensureStaff(db, { email: "telefoon.kwijt@example.com", roles: ["host"] });
    await enrolFromSettings("telefoon.kwijt@example.com");
    const admin = await ensureStaff(db, { email: "beheer.2fa@example.com", roles: ["admin"] });
    const host = await ensureStaff(db, { email: "collega.2fa@example.com", roles: ["host"] });
    const as = async (id: string) => (await startUserSession(new Request("http://portal.test/"), id, true)).split(";")[0];

    expect((await server.post(`/werk/beheer/medewerkers/${member.id}/tweestapsverificatie`, {}, { Cookie: await as(host.id) })).status).toBe(403);
    const adminCookie = await as(admin.id);
    const page = await (await server.get(`/werk/beheer/medewerkers/${member.id}`, { Cookie: adminCookie })).text();
    expect(page).toContain("Deze medewerker heeft tweestapsverificatie ingesteld.");
    const reset = await server.post(`/werk/beheer/medewerkers/${member.id}/tweestapsverificatie`, {}, { Cookie: adminCookie });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("Location")).toBe(`/werk/beheer/medewerkers/${member.id}?tweestapsverificatie=gewist`);
    const after = await (await server.get(reset.headers.get("Location")!, { Cookie: adminCookie })).text();
    expect(after).toContain("De tweestapsverificatie is gewist. De medewerker is overal afgemeld.");
    expect(after).toContain("Deze medewerker heeft nog geen tweestapsverificatie ingesteld.");
    expect(await db.select().from(sessions).where(eq(sessions.userId, member.id))).toHaveLength(0);
    const trail = await db.select().from(auditLog).where(eq(auditLog.action, "staff.second-factor.reset"));
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actorId: admin.id, subjectUserId: member.id });
    expect((await server.post("/werk/beheer/medewerkers/not-a-uuid/tweestapsverificatie", {}, { Cookie: adminCookie })).status).toBe(404);
  });

  it("shows a member their status and makes new recovery codes with a code from the app", async () => {
    await ensureStaff(db, { email: "status@example.com", roles: ["frontoffice"] });
    const { secret, codes } = await enrolFromSettings("status@example.com");
    const { jar } = await passwordStep(server, "status@example.com");
    const login = await server.post("/medewerkers/aanmelden/tweede-stap", { code: codes[0] }, { Cookie: jar.header() });
    jar.store(login);
    const page = await (await server.get("/werk/account/tweestapsverificatie", { Cookie: jar.header() })).text();
    expect(page).toContain("Tweestapsverificatie staat aan.");
    expect(page).toContain("U meldde zich deze keer aan met een herstelcode.");
    expect(page).toContain("Ongebruikte herstelcodes: 9.");
    const bad = await server.post("/werk/account/tweestapsverificatie", { _intent: "recovery-codes", code: "12" }, { Cookie: jar.header() });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("De code uit uw app bestaat uit 6 cijfers.");
    const renewed = await server.post("/werk/account/tweestapsverificatie", { _intent: "recovery-codes", code: totpCode(secret, 30) }, { Cookie: jar.header() });
    expect(renewed.status).toBe(200);
    const fresh = recoveryCodesOnPage(await renewed.text());
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
  });

  it("keeps the second-step pages to the people in the middle of a login", async () => {
    const jar = cookieJar();
    expect((await server.get("/medewerkers/aanmelden/tweestapsverificatie", { Cookie: jar.header() })).headers.get("Location")).toBe("/medewerkers/aanmelden");
    expect((await server.get("/werk/account/tweestapsverificatie")).status).toBe(302);
  });
});
