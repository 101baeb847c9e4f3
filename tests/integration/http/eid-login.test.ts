import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, desc, eq, sql } from "drizzle-orm";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { caseDrafts, cases, outbox, residentIdentities, services, sessions, users } from "../../../db/schema";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { validAnswers } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { cookieJar, startTestServer } from "../../setup/http-server";

/**
 * The itsme/eID login over real HTTP against a small OpenID Connect provider this test
 * controls, so it can hand out a wrong nonce, a wrong issuer or an expired id_token.
 */
const idp = vi.hoisted(() => {
  const state = { port: 0 };
  process.env.OIDC_CLIENT_ID = "portal-test";
  process.env.OIDC_CLIENT_SECRET = "portal-test-secret";
  process.env.OIDC_SUBJECT_HASH_SECRET = "test-subject-hash-secret-of-32-characters!";
  return state;
});

type Grant = { nonce: string; claims: Record<string, unknown>; used?: boolean };
const grants = new Map<string, Grant>();
let providerServer: Server;
let issuer: string;
let key: CryptoKey;
let server: Awaited<ReturnType<typeof startTestServer>>;

async function idToken(grant: Grant) {
  const now = Math.floor(Date.now() / 1000);
  const { iss = issuer, exp = now + 300, iat = now, ...claims } = grant.claims;
  return new SignJWT({ nonce: grant.nonce, acr: "urn:be:vlaanderen:acm:substantial", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(String(iss))
    .setAudience("portal-test")
    .setSubject(String(claims.sub ?? "sub-1"))
    .setIssuedAt(Number(iat))
    .setExpirationTime(Number(exp))
    .sign(key);
}

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  key = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  // A test double of the identity provider: node's http server ignores the returned promise, and a failure here fails the test's own requests.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  providerServer = createServer(async (req, res) => {
    const url = new URL(req.url!, issuer);
    const json = (status: number, body: unknown) => (res.writeHead(status, { "Content-Type": "application/json" }), res.end(JSON.stringify(body)));
    if (url.pathname === "/idp/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/idp/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/idp/token" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const grant = grants.get(new URLSearchParams(body).get("code") ?? "");
      // A code works once, as at a real provider.
      if (!grant || grant.used) return json(400, { error: "invalid_grant" });
      grant.used = true;
      return json(200, { access_token: "at", token_type: "Bearer", expires_in: 300, id_token: await idToken(grant) });
    }
    json(404, {});
  });
  await new Promise<void>((r) => providerServer.listen(0, "127.0.0.1", () => r()));
  idp.port = (providerServer.address() as AddressInfo).port;
  issuer = `http://127.0.0.1:${idp.port}/idp`;
  process.env.OIDC_ISSUER = issuer;
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await new Promise((r) => providerServer.close(r));
});

/** Starts a login in a browser (jar), and has the provider issue a code with these claims. */
async function startLogin(jar: ReturnType<typeof cookieJar>, claims: Record<string, unknown>, redirectTo = "/mijn", code = `code-${Math.random()}`) {
  const start = await server.get(`/aanmelden/eid?redirectTo=${encodeURIComponent(redirectTo)}`, { Cookie: jar.header() });
  expect(start.status).toBe(302);
  jar.store(start);
  const auth = new URL(start.headers.get("Location")!);
  expect(auth.origin + auth.pathname).toBe(`${issuer}/auth`);
  expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
  expect(auth.searchParams.get("code_challenge")).toBeTruthy();
  const state = auth.searchParams.get("state")!;
  grants.set(code, { nonce: auth.searchParams.get("nonce")!, claims });
  return { code, state, callback: `/aanmelden/eid/terug?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(issuer)}` };
}

const person = (n: string, extra: Record<string, unknown> = {}) => ({ sub: `sub-${n}`, rrn: `00.00.00-${n}.00`, name: `Demo ${n}`, ...extra });

async function sessionOf(res: Response) {
  const set = res.headers.getSetCookie().find((c) => c.startsWith("__mechelaar_session="));
  if (!set) return undefined;
  const [row] = await db.select().from(sessions).orderBy(desc(sessions.createdAt)).limit(1);
  return row;
}

describe("Aanmelden met itsme of eID", () => {
  it("is offered on the login page next to the e-mail code", async () => {
    const page = await (await server.get("/aanmelden")).text();
    expect(page).toContain("Aanmelden met itsme of eID");
    expect(page).toContain('href="/aanmelden/eid?redirectTo=%2Fmijn"');
  });

  it("logs a new resident in with substantial assurance and keeps only a keyed hash of the national number", async () => {
    const jar = cookieJar();
    const { callback } = await startLogin(jar, person("101", { email: "nieuw.eid@example.com", email_verified: true }));
    const back = await server.get(callback, { Cookie: jar.header() });
    expect(back.status).toBe(302);
    expect(back.headers.get("Location")).toBe("/mijn");
    const session = await sessionOf(back);
    expect(session).toMatchObject({ authMethod: "oidc", assurance: "substantial" });
    jar.store(back);
    expect(await (await server.get("/mijn", { Cookie: jar.header() })).text()).toContain("Demo 101");
    const [identity] = await db.select().from(residentIdentities).where(eq(residentIdentities.userId, session!.userId!));
    expect(identity.subjectHash).toMatch(/^[0-9a-f]{64}$/);
    // The number appears nowhere in the database, in any form.
    const [{ found }] = await db.execute<{ found: number }>(sql`select count(*)::int as found from (
      select to_jsonb(r)::text t from resident_identities r union all select to_jsonb(u)::text from users u union all select to_jsonb(s)::text from sessions s) x
      where t like '%0000000101%' or t like '%00.00.00-101%'`);
    expect(found).toBe(0);
  });

  it("gives high assurance when the provider says so (acr)", async () => {
    const jar = cookieJar();
    const { callback } = await startLogin(jar, person("102", { acr: "urn:be:vlaanderen:acm:high" }));
    const back = await server.get(callback, { Cookie: jar.header() });
    expect((await sessionOf(back))?.assurance).toBe("high");
  });

  it("refuses a tampered state, a replayed code, a wrong nonce, a wrong issuer and an expired id_token", async () => {
    const refused = async (res: Response) => {
      expect(res.status).toBe(400);
      expect(res.headers.getSetCookie().some((c) => c.startsWith("__mechelaar_session="))).toBe(false);
      expect(await res.text()).toContain("Aanmelden met itsme of eID is niet gelukt");
    };
    // Tampered state: the browser's signed state does not match.
    let jar = cookieJar();
    let login = await startLogin(jar, person("201"));
    await refused(await server.get(login.callback.replace(`state=${encodeURIComponent(login.state)}`, "state=forged"), { Cookie: jar.header() }));

    // Replayed code: it worked once; the same answer again is refused.
    jar = cookieJar();
    login = await startLogin(jar, person("202"));
    const first = await server.get(login.callback, { Cookie: jar.header() });
    expect(first.status).toBe(302);
    await refused(await server.get(login.callback, { Cookie: jar.header() }));

    // Wrong nonce in the id_token.
    jar = cookieJar();
    login = await startLogin(jar, person("203"));
    grants.get(login.code)!.nonce = "another-nonce";
    await refused(await server.get(login.callback, { Cookie: jar.header() }));

    // Wrong issuer in the id_token.
    jar = cookieJar();
    login = await startLogin(jar, person("204", { iss: "https://evil.example.com" }));
    await refused(await server.get(login.callback, { Cookie: jar.header() }));

    // Expired id_token (well beyond the clock tolerance).
    const past = Math.floor(Date.now() / 1000) - 3600;
    jar = cookieJar();
    login = await startLogin(jar, person("205", { exp: past + 600, iat: past }));
    await refused(await server.get(login.callback, { Cookie: jar.header() }));

    // No identity was linked by any of the refused answers.
    const linked = await db
      .select()
      .from(residentIdentities)
      .where(sql`${residentIdentities.name} in ('Demo 201', 'Demo 203', 'Demo 204', 'Demo 205')`);
    expect(linked).toEqual([]);
  });

  it("links to an existing e-mail account only after that address is confirmed with a code", async () => {
    const owner = await ensureResident(db, { email: "bestaand@example.com", name: "Bestaande Bewoner" });
    const jar = cookieJar();
    const { callback } = await startLogin(jar, person("301", { email: "bestaand@example.com", email_verified: true }));
    const back = await server.get(callback, { Cookie: jar.header() });
    expect(back.status).toBe(302);
    expect(back.headers.get("Location")).toBe("/aanmelden/eid/koppelen");
    expect(back.headers.getSetCookie().some((c) => c.startsWith("__mechelaar_session="))).toBe(false);
    jar.store(back);
    // Nothing is linked yet.
    expect(await db.select().from(residentIdentities).where(eq(residentIdentities.userId, owner.id))).toEqual([]);
    expect(await (await server.get("/aanmelden/eid/koppelen", { Cookie: jar.header() })).text()).toContain("bestaand@example.com");

    const wrong = await server.post("/aanmelden/eid/koppelen", { code: "000000" }, { Cookie: jar.header() });
    expect(wrong.status).toBe(400);
    expect(await db.select().from(residentIdentities).where(eq(residentIdentities.userId, owner.id))).toEqual([]);

    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, "bestaand@example.com")).orderBy(desc(outbox.createdAt)).limit(1);
    const code = mail.text.match(/\b(\d{6})\b/)![1];
    const ok = await server.post("/aanmelden/eid/koppelen", { code }, { Cookie: jar.header() });
    expect(ok.status).toBe(302);
    expect(await sessionOf(ok)).toMatchObject({ userId: owner.id, authMethod: "oidc", assurance: "substantial" });
    expect(await db.select().from(residentIdentities).where(eq(residentIdentities.userId, owner.id))).toHaveLength(1);
    // One account for that address: nothing was created or merged besides the link.
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(sql`lower(${users.email}) = 'bestaand@example.com'`);
    expect(n).toBe(1);
  });

  it("never links an unlinked identity to a staff account with its e-mail address: a separate resident account, no code sent, no staff rights", async () => {
    const staff = await ensureStaff(db, { email: "medewerker.eid@example.com", roles: ["admin"], name: "Beheer Medewerker" });
    const jar = cookieJar();
    const { callback } = await startLogin(jar, person("302", { email: "medewerker.eid@example.com", email_verified: true }));
    const back = await server.get(callback, { Cookie: jar.header() });
    expect(back.status).toBe(302);
    expect(back.headers.get("Location")).toBe("/mijn");
    const session = await sessionOf(back);
    expect(session).toMatchObject({ authMethod: "oidc" });
    expect(session!.userId).not.toBe(staff.id);
    const [made] = await db.select().from(users).where(eq(users.id, session!.userId!));
    expect(made).toMatchObject({ roles: ["resident"], email: null, name: "Demo 302" });
    expect(await db.select().from(residentIdentities).where(eq(residentIdentities.userId, staff.id))).toEqual([]);
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, "medewerker.eid@example.com"))).toEqual([]);
    jar.store(back);
    expect((await server.get("/werk", { Cookie: jar.header() })).status).toBe(403);
  });

  it("ends the session at the provider too when an eID resident logs out", async () => {
    const jar = cookieJar();
    const { callback } = await startLogin(jar, person("401"));
    jar.store(await server.get(callback, { Cookie: jar.header() }));
    const out = await server.post("/afmelden", {}, { Cookie: jar.header() });
    expect(out.status).toBe(302);
    const to = new URL(out.headers.get("Location")!);
    expect(to.origin + to.pathname).toBe(`${issuer}/logout`);
    expect(to.searchParams.get("client_id")).toBe("portal-test");
    expect(to.searchParams.get("post_logout_redirect_uri")).toMatch(/\/aanmelden\?afgemeld=1$/);
  });
});

describe("assurance per service: a certificate needs itsme/eID", () => {
  it("refuses a direct post from an e-mail code session, asks to step up, keeps the answers and then files it", async () => {
    const [svc] = await db.select({ level: services.requiredAssurance, id: services.id }).from(services).where(eq(services.slug, "attest-of-kopie"));
    expect(svc.level).toBe("substantial");
    const resident = await ensureResident(db, { email: "stap@example.com", name: "Stap Hoger" });
    const answers = await validAnswers("attest-of-kopie");
    await db.insert(caseDrafts).values({ residentId: resident.id, serviceId: svc.id, answers, stepsDone: 1 });
    const jar = cookieJar();
    const cookie = (await startUserSession(new Request("http://portal.test/"), resident.id, false)).split(";")[0];
    const [name, value] = cookie.split("=");
    jar.store(new Response(null, { headers: { "Set-Cookie": `${name}=${value}; Path=/` } }));

    const check = await (await server.get("/aanvragen/attest-of-kopie/controleren", { Cookie: jar.header() })).text();
    expect(check).toContain("Meld u aan met itsme of eID");
    expect(check).toContain('href="/aanmelden/eid?redirectTo=%2Faanvragen%2Fattest-of-kopie%2Fcontroleren"');

    // Posting the form directly does not get around it.
    const direct = await server.post("/aanvragen/attest-of-kopie/controleren", { idempotencyKey: "0f3c2a9e-5d1b-4c7a-9e2f-6b8d4a1c3e50" }, { Cookie: jar.header() });
    expect(direct.status).toBe(401);
    expect(await direct.text()).toContain("moet u aangemeld zijn met itsme of eID");
    expect(await db.select().from(cases).where(eq(cases.residentId, resident.id))).toEqual([]);

    // Step up: the eID login is linked to this resident (who confirmed the address with a code) and comes back.
    const { callback } = await startLogin(jar, person("501", { email: "stap@example.com", email_verified: true }), "/aanvragen/attest-of-kopie/controleren");
    const back = await server.get(callback, { Cookie: jar.header() });
    expect(back.headers.get("Location")).toBe("/aanvragen/attest-of-kopie/controleren");
    expect(await sessionOf(back)).toMatchObject({ userId: resident.id, authMethod: "oidc", assurance: "substantial" });
    jar.store(back);

    const again = await (await server.get("/aanvragen/attest-of-kopie/controleren", { Cookie: jar.header() })).text();
    expect(again).not.toContain("Meld u aan met itsme of eID");
    expect(again).toContain(String(answers.document));
    const key = again.match(/name="idempotencyKey" value="([^"]+)"/)![1];
    const sent = await server.post("/aanvragen/attest-of-kopie/controleren", { idempotencyKey: key }, { Cookie: jar.header() });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toMatch(/^\/aanvragen\/bevestiging\/MEC-/);
    const filed = await db
      .select()
      .from(cases)
      .where(and(eq(cases.residentId, resident.id), eq(cases.serviceId, svc.id)));
    expect(filed).toHaveLength(1);
    expect(filed[0].answers).toEqual(answers);
  });
});
