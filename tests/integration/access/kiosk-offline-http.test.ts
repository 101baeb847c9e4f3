import { createPublicKey, randomUUID, verify } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, offlineConflicts, passes, scans } from "../../../db/schema";
import { base45Decode } from "../../../app/modules/access/base45";
import { OFFLINE_CALLS_PER_MINUTE } from "../../../app/modules/access/offline.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { makeKiosk, makePass, tamperedToken } from "../../factories/access";
import { ensureStaff } from "../../factories/identity";
import { cookieJar, startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const staffCookie = async (id: string) => (await startUserSession(new Request("http://portal.test/"), id, true)).split(";")[0];

/** A registered kiosk, signed in with its credential as at the door: its cookie. */
async function signedInKiosk(slug: string, name?: string) {
  const kiosk = await makeKiosk(db, { buildingSlug: slug, name });
  const jar = cookieJar();
  jar.store(await server.post("/kiosk", { _intent: "login", credential: kiosk.credential }));
  return { ...kiosk, cookie: jar.header() };
}

const bundle = (cookie?: string) => server.get("/kiosk/offline/bundle", cookie ? { Cookie: cookie } : {});
function sync(cookie: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  return fetch(server.baseUrl + "/kiosk/offline/sync", {
    method: "POST",
    headers: { Origin: server.baseUrl, "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
const offlineScan = (code: string, outcome = "welcome", at = new Date(Date.now() - 5 * 60_000)) => ({ id: randomUUID(), code, at: at.toISOString(), outcome });

describe("the offline bundle a door kiosk keeps", () => {
  it("needs a signed-in, active kiosk", async () => {
    expect((await bundle()).status).toBe(401);
    expect((await bundle("__mechelaar_kiosk=forged")).status).toBe(401);
    const kiosk = await signedInKiosk("zeeridder");
    await db.execute(sql`update access_kiosks set revoked_at = now() where id = ${kiosk.id}`);
    expect((await bundle(kiosk.cookie)).status).toBe(401);
  });

  it("holds the building's keys and the revoked, used and multiple-entry passes of its own building, and no personal data", async () => {
    const host = await ensureStaff(db, { name: "Bruno Bundel", email: "bruno.bundel@example.com", roles: ["host"] });
    const kiosk = await signedInKiosk("zeeridder");
    const fresh = await makePass(db, { hostId: host.id, buildingSlug: "zeeridder", visitorName: "Fien Fris", visitorEmail: "fien@example.com" });
    const used = await makePass(db, { hostId: host.id, buildingSlug: "zeeridder", visitorName: "Uma Used" });
    await db.update(passes).set({ remainingEntries: 0 }).where(eq(passes.id, used.id));
    const revoked = await makePass(db, { hostId: host.id, buildingSlug: "zeeridder", visitorName: "Rik Revoked" });
    await db.update(passes).set({ revokedAt: new Date() }).where(eq(passes.id, revoked.id));
    const multiple = await makePass(db, { hostId: host.id, buildingSlug: "zeeridder", entries: null, visitorName: "Mo Meermaals" });
    const elsewhere = await makePass(db, { hostId: host.id, buildingSlug: "bibliotheek", visitorName: "Elders" });
    await db.update(passes).set({ revokedAt: new Date() }).where(eq(passes.id, elsewhere.id));
    const over = await makePass(db, { hostId: host.id, buildingSlug: "zeeridder", from: new Date(Date.now() - 3 * 3600_000), until: new Date(Date.now() - 2 * 3600_000) });
    await db.update(passes).set({ revokedAt: new Date() }).where(eq(passes.id, over.id));

    const res = await bundle(kiosk.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const text = await res.text();
    const body = JSON.parse(text) as {
      kioskId: string;
      mode: string;
      buildingCode: number;
      keys: { kid: number; x: string }[];
      revoked: string[];
      used: string[];
      multipleEntry: string[];
      offlineHours: number;
    };
    expect(body.kioskId).toBe(kiosk.id);
    expect(body.mode).toBe("entry");
    expect(body.buildingCode).toBe(kiosk.building.code);
    expect(body.offlineHours).toBe(24);
    expect(body.revoked).toContain(revoked.id);
    expect(body.used).toContain(used.id);
    expect(body.multipleEntry).toContain(multiple.id);
    const all = [...body.revoked, ...body.used, ...body.multipleEntry];
    // An unused single-use pass is simply unknown (admitted once); other buildings and past windows are left out.
    for (const id of [fresh.id, elsewhere.id, over.id]) expect(all).not.toContain(id);
    // The public key verifies a real pass, as the kiosk's WebCrypto does.
    const bytes = Buffer.from(base45Decode(fresh.token.slice(4))!);
    const key = body.keys.find((k) => k.kid === bytes[1])!;
    const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: key.x }, format: "jwk" });
    expect(verify(null, Buffer.concat([Buffer.from("MCH:"), bytes.subarray(0, 28)]), publicKey, bytes.subarray(28))).toBe(true);
    // Nothing about people: no names, e-mail addresses, hosts, tokens or private key material.
    for (const secret of ["Fien", "fien@example.com", "Uma", "Rik", "Mo Meermaals", "Bruno", "bruno.bundel", fresh.token, '"d"']) expect(text).not.toContain(secret);
    expect(Object.keys(body).sort()).toEqual(["buildingCode", "clockToleranceSeconds", "issuedAt", "keys", "kioskId", "mode", "multipleEntry", "offlineHours", "revoked", "used"]);
  });
});

describe("syncing a kiosk's offline scans", () => {
  it("records each scan once, with the kiosk's time, marked offline; an offline welcome uses up the pass", async () => {
    const host = await ensureStaff(db, { email: "sync.host@example.com", roles: ["host"] });
    const kiosk = await signedInKiosk("bibliotheek");
    const pass = await makePass(db, { hostId: host.id, buildingSlug: "bibliotheek" });
    const forged = tamperedToken(pass.token);
    const at = new Date(Date.now() - 20 * 60_000);
    const queue = [offlineScan(pass.token, "welcome", at), offlineScan(forged, "not_city_code"), offlineScan(pass.token, "already_used")];

    const first = await sync(kiosk.cookie, { scans: queue });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ acknowledged: queue.map((q) => q.id), recorded: 2, duplicates: 0, skipped: 1, conflicts: 0 });
    const rows = await db.select().from(scans).where(eq(scans.passId, pass.id)).orderBy(scans.at);
    expect(rows.map((r) => [r.outcome, r.offline, r.kioskId])).toEqual([
      ["welcome", true, kiosk.id],
      ["already_used", true, kiosk.id],
    ]);
    expect(rows[0].at.toISOString()).toBe(at.toISOString());
    expect(rows[0].syncedAt).not.toBeNull();
    const [after] = await db.select().from(passes).where(eq(passes.id, pass.id));
    expect(after.remainingEntries).toBe(0);
    expect(after.inside).toBe(true);

    // The kiosk lost the answer and sends the same queue again: nothing doubles, no conflict.
    const again = await sync(kiosk.cookie, { scans: queue });
    expect(await again.json()).toMatchObject({ recorded: 0, duplicates: 2, skipped: 1, conflicts: 0 });
    expect(await db.select().from(scans).where(eq(scans.passId, pass.id))).toHaveLength(2);
    expect(await db.select().from(offlineConflicts).where(eq(offlineConflicts.passId, pass.id))).toHaveLength(0);

    // Online, the pass is now used.
    const online = await server.post("/kiosk/scan", { code: pass.token }, { Cookie: kiosk.cookie });
    expect(await online.json()).toEqual({ outcome: "already_used" });

    // A kiosk claiming to have let in another building's pass changes nothing.
    const foreign = await makePass(db, { hostId: host.id, buildingSlug: "zeeridder" });
    expect(await (await sync(kiosk.cookie, { scans: [offlineScan(foreign.token)] })).json()).toMatchObject({ recorded: 1, conflicts: 0 });
    const [claimed] = await db.select().from(scans).where(eq(scans.passId, foreign.id));
    expect(claimed.outcome).toBe("wrong_building");
    const [untouched] = await db.select().from(passes).where(eq(passes.id, foreign.id));
    expect([untouched.remainingEntries, untouched.inside]).toEqual([1, false]);
  });

  it("does not put a visitor back on the presence list who was seen at an exit since the offline entry", async () => {
    const host = await ensureStaff(db, { email: "exit.host@example.com", roles: ["host"] });
    const entry = await signedInKiosk("bibliotheek", "Zuil Bib in");
    const exit = await makeKiosk(db, { buildingSlug: "bibliotheek", mode: "exit", name: "Zuil Bib uit" });
    const jar = cookieJar();
    jar.store(await server.post("/kiosk", { _intent: "login", credential: exit.credential }));
    const pass = await makePass(db, { hostId: host.id, buildingSlug: "bibliotheek" });
    // The exit kiosk (online) had not heard of the entry: "not inside". The entry kiosk syncs later.
    expect(await (await server.post("/kiosk/scan", { code: pass.token }, { Cookie: jar.header() })).json()).toEqual({ outcome: "not_inside" });
    await sync(entry.cookie, { scans: [offlineScan(pass.token, "welcome", new Date(Date.now() - 30 * 60_000))] });
    const [after] = await db.select().from(passes).where(eq(passes.id, pass.id));
    expect([after.remainingEntries, after.inside]).toEqual([0, false]);
  });

  it("reports a single-use pass let in by two offline kiosks, and one let in offline after it was used online, to admins on /werk/toegang", async () => {
    const host = await ensureStaff(db, { email: "conflict.host@example.com", roles: ["host"] });
    const admin = await ensureStaff(db, { name: "Ada Beheer", email: "ada.offline@example.com", roles: ["admin"] });
    const east = await signedInKiosk("schepenhuis", "Zuil Oost");
    const west = await signedInKiosk("schepenhuis", "Zuil West");
    const twice = await makePass(db, { hostId: host.id, buildingSlug: "schepenhuis", visitorName: "Dora Dubbel" });

    // Both kiosks let the visitor in without network; they sync at the same moment.
    const [a, b] = await Promise.all([sync(east.cookie, { scans: [offlineScan(twice.token)] }), sync(west.cookie, { scans: [offlineScan(twice.token)] })]);
    const results = [(await a.json()) as { conflicts: number }, (await b.json()) as { conflicts: number }];
    expect(results.map((r) => r.conflicts).sort()).toEqual([0, 1]);
    const [c] = await db.select().from(offlineConflicts).where(eq(offlineConflicts.passId, twice.id));
    expect(c.kind).toBe("used_twice");

    // Used online first, then let in by a kiosk that had not heard of it.
    const onlineFirst = await makePass(db, { hostId: host.id, buildingSlug: "schepenhuis", visitorName: "Otto Online" });
    expect(await (await server.post("/kiosk/scan", { code: onlineFirst.token }, { Cookie: east.cookie })).json()).toMatchObject({ outcome: "welcome" });
    expect(await (await sync(west.cookie, { scans: [offlineScan(onlineFirst.token)] })).json()).toMatchObject({ recorded: 1, conflicts: 1 });

    // A multiple-entry pass let in twice is no conflict.
    const multiple = await makePass(db, { hostId: host.id, buildingSlug: "schepenhuis", entries: null });
    expect(await (await sync(west.cookie, { scans: [offlineScan(multiple.token), offlineScan(multiple.token)] })).json()).toMatchObject({ recorded: 2, conflicts: 0 });

    const page = await server.get("/werk/toegang", { Cookie: await staffCookie(admin.id) });
    expect(page.status).toBe(200);
    const html = await page.text();
    const section = html.slice(html.indexOf('id="conflicts-title"'));
    expect(section).toContain("Zuilen zonder netwerk: conflicten");
    expect(section).toContain(twice.id.slice(0, 8).toUpperCase());
    expect(section).toContain("Dora Dubbel");
    expect(section).toContain("Zuil Oost, Zuil West");
    expect(section).toContain("Otto Online");
    expect(section).toContain("Pas voor één keer twee keer gebruikt");
    // Only admins see the list: a host has no access to it.
    const hostPage = await (await server.get("/werk/toegang", { Cookie: await staffCookie(host.id) })).text();
    expect(hostPage).not.toContain("Dora Dubbel");
  });

  it("lets an admin close a conflict once looked into (audited, once); others cannot, and a bad or unknown id is a 4xx", async () => {
    const host = await ensureStaff(db, { email: "handled.host@example.com", roles: ["host"] });
    const admin = await ensureStaff(db, { name: "Bart Beheer", email: "bart.offline@example.com", roles: ["admin"] });
    const east = await signedInKiosk("huis-van-de-mechelaar", "Zuil Noord");
    const west = await signedInKiosk("huis-van-de-mechelaar", "Zuil Zuid");
    const pass = await makePass(db, { hostId: host.id, buildingSlug: "huis-van-de-mechelaar", visitorName: "Hanna Handel" });
    await sync(east.cookie, { scans: [offlineScan(pass.token)] });
    await sync(west.cookie, { scans: [offlineScan(pass.token)] });
    const [conflict] = await db.select().from(offlineConflicts).where(eq(offlineConflicts.passId, pass.id));
    const adminCookie = await staffCookie(admin.id);
    const rowOf = (html: string) => html.slice(html.indexOf("Hanna Handel"), html.indexOf("</tr>", html.indexOf("Hanna Handel")));

    const before = await (await server.get("/werk/toegang", { Cookie: adminCookie })).text();
    expect(rowOf(before)).toContain("Nog niet bekeken.");
    expect(rowOf(before)).toContain(`aria-label="Afgehandeld: pas ${pass.id.slice(0, 8).toUpperCase()}"`);

    // A host may not close it.
    const byHost = await server.post("/werk/toegang", { _intent: "conflictHandled", conflictId: conflict.id }, { Cookie: await staffCookie(host.id) });
    expect(byHost.status).toBe(403);
    expect((await db.select().from(offlineConflicts).where(eq(offlineConflicts.id, conflict.id)))[0].handledAt).toBeNull();
    // A malformed id does not parse; an unknown one is not found.
    expect((await server.post("/werk/toegang", { _intent: "conflictHandled", conflictId: "1 or 1=1" }, { Cookie: adminCookie })).status).toBe(400);
    expect((await server.post("/werk/toegang", { _intent: "conflictHandled", conflictId: randomUUID() }, { Cookie: adminCookie })).status).toBe(404);

    const done = await server.post("/werk/toegang", { _intent: "conflictHandled", conflictId: conflict.id }, { Cookie: adminCookie });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/werk/toegang?conflict=1#conflicts-title");
    // Sent twice (a double click): still closed once, by the first.
    expect((await server.post("/werk/toegang", { _intent: "conflictHandled", conflictId: conflict.id }, { Cookie: adminCookie })).status).toBe(302);
    const [row] = await db.select().from(offlineConflicts).where(eq(offlineConflicts.id, conflict.id));
    expect(row.handledBy).toBe(admin.id);
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "access.offline-conflict.handled"), eq(auditLog.entityId, conflict.id)));
    expect(audits.map((a) => a.actorId)).toEqual([admin.id]);

    const after = await (await server.get("/werk/toegang?conflict=1", { Cookie: adminCookie })).text();
    expect(after).toContain("Het conflict staat nu als afgehandeld.");
    expect(rowOf(after)).toMatch(/Afgehandeld op .+ door Bart Beheer\./);
    expect(rowOf(after)).not.toContain("Nog niet bekeken.");
  });

  it("refuses bad input with a 4xx, without a kiosk, from another site, and past the rate limit", async () => {
    const host = await ensureStaff(db, { email: "bad.sync@example.com", roles: ["host"] });
    const kiosk = await signedInKiosk("zeeridder");
    const pass = await makePass(db, { hostId: host.id, buildingSlug: "zeeridder" });

    expect((await sync(undefined, { scans: [offlineScan(pass.token)] })).status).toBe(401);
    expect((await sync(kiosk.cookie, { scans: [offlineScan(pass.token)] }, { Origin: "https://evil.example" })).status).toBe(403);
    const bad = [
      "not json",
      {},
      { scans: [] },
      { scans: [{ ...offlineScan(pass.token), id: "not-a-uuid" }] },
      { scans: [{ ...offlineScan(pass.token), at: "yesterday" }] },
      { scans: [{ ...offlineScan(pass.token), outcome: "let_me_in" }] },
      { scans: [{ ...offlineScan(pass.token), code: "x".repeat(1001) }] },
      { scans: Array.from({ length: 201 }, () => offlineScan(pass.token)) },
    ];
    for (const body of bad) {
      const res = await sync(kiosk.cookie, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(await res.text()).not.toMatch(/select|insert|stack|at .*\.ts/i);
    }
    const form = await server.post("/kiosk/offline/sync", { scans: "[]" }, { Cookie: kiosk.cookie });
    expect(form.status).toBe(400);
    expect((await sync(kiosk.cookie, JSON.stringify({ scans: [offlineScan("x".repeat(900))] }).padEnd(600 * 1024, " "))).status).toBe(413);
    // Nothing of the bad calls was recorded.
    expect(
      await db
        .select()
        .from(scans)
        .where(and(eq(scans.passId, pass.id), eq(scans.offline, true))),
    ).toHaveLength(0);

    // A kiosk refreshes every minute or so: past OFFLINE_CALLS_PER_MINUTE calls in one (fixed) minute, 429 with Retry-After.
    // Twice the limit plus one call always meets the limit once, even when the minute turns in between.
    const untilLimited = async (call: () => Promise<Response>) => {
      for (let i = 0; i < 2 * OFFLINE_CALLS_PER_MINUTE + 2; i++) {
        const res = await call();
        if (res.status === 429) return res;
        expect(res.status).toBe(200);
      }
      throw new Error("never rate-limited");
    };
    const limited = await untilLimited(() => sync(kiosk.cookie, { scans: [offlineScan(pass.token, "already_used")] }));
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ error: "rate_limited" });
    const limitedBundle = await untilLimited(() => bundle(kiosk.cookie));
    expect(Number(limitedBundle.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});

describe("the kiosk's service worker", () => {
  it("is served as JavaScript for the /kiosk scope and keeps only the kiosk page and assets", async () => {
    const res = await server.get("/kiosk/sw.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("Service-Worker-Allowed")).toBe("/kiosk");
    const js = await res.text();
    expect(js).toContain('const CACHE = "mechelaar-kiosk-v1"');
    expect(js).toMatch(/fetch\(request\)[\s\S]*\.catch\(\(\) => caches\.match\("\/kiosk"\)/);
    expect(() => new Function(js)).not.toThrow();
  });
});
