import { desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, sessions, teamMembers, teams, users } from "../../../db/schema";
import { db } from "../../../app/utils/db.server";
import { loadEnv } from "../../../app/utils/env.server";
import { rightsFromGroups, staffAssurance } from "../../../app/modules/identity/staff-oidc.server";
import { DEV_STAFF_CLIENT, startDevOidcProvider } from "../../../scripts/lib/dev-oidc-provider";
import { runSeeds } from "../../../seeds/run";
import { freePort } from "../../setup/free-port";
import { cookieJar, startTestServer } from "../../setup/http-server";

/**
 * Staff single sign-on (issue 18 item 5) over real HTTP against the development identity
 * provider, with its fake staff and their fake groups (scripts/lib/dev-oidc-provider.ts).
 */
const PORTAL = "http://portal.test";
vi.hoisted(() => {
  process.env.PUBLIC_URL = "http://portal.test";
  process.env.STAFF_OIDC_CLIENT_ID = "mechelaar-staff-dev";
  process.env.STAFF_OIDC_CLIENT_SECRET = "dev-staff-secret-only-for-the-local-identity-provider";
  process.env.STAFF_OIDC_GROUP_MAP = JSON.stringify({
    "demo-mechelen-loket-burgerzaken": { roles: ["frontoffice"], teams: ["burgerzaken"] },
    "demo-mechelen-backoffice-welzijn": { roles: ["backoffice"], teams: ["welzijn"] },
    "demo-mechelen-teamleads-welzijn": { leadOf: ["welzijn"] },
  });
});

let idp: Awaited<ReturnType<typeof startDevOidcProvider>>;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  idp = await startDevOidcProvider({ port: await freePort(), portalUrl: PORTAL, clientId: "resident-client", clientSecret: "resident-secret" });
  process.env.STAFF_OIDC_ISSUER = idp.issuer;
  await runSeeds(db, { demo: false, production: false });
  await db
    .insert(teams)
    .values([
      { slug: "burgerzaken", name: "Burgerzaken" },
      { slug: "welzijn", name: "Welzijn" },
    ])
    .onConflictDoNothing();
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await idp.close();
});

/** Goes through the provider's own pages (login name, consent) as a browser would; gives the portal address it sends back to. */
async function throughProvider(start: string, login: string): Promise<string> {
  const jar = cookieJar();
  let url = start;
  let body: URLSearchParams | undefined;
  for (let i = 0; i < 12; i++) {
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { Cookie: jar.header(), ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
      body,
    });
    jar.store(res);
    body = undefined;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get("Location")!, url);
      if (next.origin === PORTAL) return next.pathname + next.search;
      url = next.href;
      continue;
    }
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expect(html).toContain('<html lang="nl">');
    const action = new URL(html.match(/<form method="post" action="([^"]+)"/)![1], url).href;
    if (html.includes('name="login"')) {
      expect(html).toContain('<label for="login">Loginnaam</label>');
      body = new URLSearchParams({ prompt: "login", login });
    } else {
      expect(html).toContain("Toestemming geven");
      body = new URLSearchParams({ prompt: "consent" });
    }
    url = action;
  }
  throw new Error("the provider did not send the browser back");
}

async function ssoLogin(login: string) {
  const jar = cookieJar();
  const start = await server.get("/medewerkers/aanmelden/stad?redirectTo=%2Fwerk");
  expect(start.status).toBe(302);
  jar.store(start);
  const auth = new URL(start.headers.get("Location")!);
  expect(auth.origin + auth.pathname).toBe(`${idp.issuer}/auth`);
  expect(auth.searchParams.get("client_id")).toBe(DEV_STAFF_CLIENT.id);
  expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
  const back = await server.get(await throughProvider(auth.href, login), { Cookie: jar.header() });
  jar.store(back);
  return { back, jar };
}

const latestSession = async () => (await db.select().from(sessions).orderBy(desc(sessions.createdAt)).limit(1))[0];

describe("staff single sign-on through the city's provider", () => {
  it("is offered on the staff login page when configured, next to the password", async () => {
    const page = await (await server.get("/medewerkers/aanmelden")).text();
    expect(page).toContain("Aanmelden met het stadsaccount");
    expect(page).toContain('href="/medewerkers/aanmelden/stad?redirectTo=%2Fwerk"');
    expect(page).toContain('name="password"');
  });

  it("gives a front office member the roles and team their groups map to, with the provider's second factor recorded as assurance", async () => {
    const { back, jar } = await ssoLogin("stad-loket");
    expect(back.status).toBe(302);
    expect(back.headers.get("Location")).toBe("/werk");
    const [member] = await db.select().from(users).where(eq(users.email, "sso.loket@example.com"));
    expect(member.roles).toEqual(["frontoffice"]);
    const memberOf = await db
      .select({ slug: teams.slug, lead: teamMembers.isLead })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teamMembers.userId, member.id));
    expect(memberOf).toEqual([{ slug: "burgerzaken", lead: false }]);
    expect(await latestSession()).toMatchObject({ userId: member.id, authMethod: "staff-oidc", assurance: "substantial", secondFactor: null });
    const work = await server.get("/werk", { Cookie: jar.header() });
    expect(work.status).toBe(200);
    expect(await work.text()).toContain("Demo Loketmedewerker (SSO)");
    // Rights the groups do not give are not there.
    expect((await server.get("/werk/beheer/medewerkers", { Cookie: jar.header() })).status).toBe(403);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, member.id));
    expect(audit).toMatchObject({ action: "staff.sso-rights-applied" });
  });

  it("makes a team lead of a member in the lead group", async () => {
    const { back } = await ssoLogin("stad-teamlead");
    expect(back.status).toBe(302);
    const [member] = await db.select().from(users).where(eq(users.email, "sso.teamlead@example.com"));
    expect(member.roles).toEqual(["backoffice"]);
    const memberOf = await db
      .select({ slug: teams.slug, lead: teamMembers.isLead })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teamMembers.userId, member.id));
    expect(memberOf).toEqual([{ slug: "welzijn", lead: true }]);
  });

  it("gives no rights for groups the map does not know: refused, no account, no session", async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(sessions);
    const { back } = await ssoLogin("stad-onbekend");
    expect(back.status).toBe(403);
    expect(await back.text()).toContain("Uw stadsaccount geeft geen rechten in dit portaal");
    expect(back.headers.getSetCookie().some((c) => c.startsWith("__mechelaar_session="))).toBe(false);
    expect(await db.select().from(users).where(eq(users.email, "sso.onbekend@example.com"))).toEqual([]);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(sessions)).toEqual(before);
  });

  it("refuses a callback that does not belong to a login this browser started", async () => {
    const res = await server.get("/medewerkers/aanmelden/stad/terug?code=forged&state=forged");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Aanmelden met het stadsaccount is niet gelukt");
  });

  it("ends the session at the city's provider too on logout", async () => {
    const { jar } = await ssoLogin("stad-loket");
    const out = await server.post("/afmelden", {}, { Cookie: jar.header() });
    expect(out.status).toBe(302);
    const to = new URL(out.headers.get("Location")!);
    expect(to.origin + to.pathname).toBe(`${idp.issuer}/session/end`);
    expect(to.searchParams.get("client_id")).toBe(DEV_STAFF_CLIENT.id);
    expect(to.searchParams.get("post_logout_redirect_uri")).toBe(`${PORTAL}/medewerkers/aanmelden`);
  });
});

describe("staff single sign-on settings", () => {
  it("maps only known groups, and reads a second factor from amr", () => {
    const map = { a: { roles: ["frontoffice" as const], teams: ["t1"], leadOf: [] }, b: { roles: [], teams: [], leadOf: ["t2"] } };
    expect(rightsFromGroups(["a", "b", "zzz", "__proto__", "constructor"], map)).toEqual({ roles: ["frontoffice"], teams: ["t1", "t2"], leadOf: ["t2"] });
    expect(rightsFromGroups(["zzz"], map).roles).toEqual([]);
    expect(staffAssurance({ amr: ["pwd", "otp"] })).toBe("substantial");
    expect(staffAssurance({ amr: ["pwd"] })).toBe("low");
  });

  it("parses the group map with zod and refuses what it cannot use", () => {
    const base = { NODE_ENV: "test" };
    const sso = { STAFF_OIDC_ISSUER: "https://login.mechelen.example", STAFF_OIDC_CLIENT_ID: "c", STAFF_OIDC_CLIENT_SECRET: "s" };
    expect(loadEnv({ ...base, ...sso, STAFF_OIDC_GROUP_MAP: '{"g": {"roles": ["admin"], "teams": ["burgerzaken"]}}' }).STAFF_OIDC_GROUP_MAP).toEqual({
      g: { roles: ["admin"], teams: ["burgerzaken"], leadOf: [] },
    });
    expect(() => loadEnv({ ...base, ...sso, STAFF_OIDC_GROUP_MAP: '{"g": {"roles": ["resident"]}}' })).toThrow(/STAFF_OIDC_GROUP_MAP/);
    expect(() => loadEnv({ ...base, ...sso, STAFF_OIDC_GROUP_MAP: "not json" })).toThrow(/STAFF_OIDC_GROUP_MAP/);
    expect(() => loadEnv({ ...base, STAFF_OIDC_ISSUER: "https://login.mechelen.example" })).toThrow(/STAFF_OIDC_CLIENT_ID/);
    expect(() =>
      loadEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), SMTP_URL: "smtp://localhost", ...sso, STAFF_OIDC_ISSUER: "http://login.mechelen.example" }),
    ).toThrow(/https/);
  });
});
