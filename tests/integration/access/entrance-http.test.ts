import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildings, entrancePosters, outbox, passes, scans, walkInHosts, walkIns } from "../../../db/schema";
import { entrancePostsPerMinute } from "../../../app/modules/access/entrance.server";
import { eraseVisitorData } from "../../../app/modules/access/invitations.server";
import { formatShortCode, newShortCode } from "../../../app/modules/access/short-code";
import { shortCodeRule } from "../../../app/modules/access/short-code.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { buildingBySlug, makePass } from "../../factories/access";
import { ensureStaff } from "../../factories/identity";
import { cookieJar, startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const staffCookie = async (id: string) => (await startUserSession(new Request("http://portal.test/"), id, true)).split(";")[0];

/** An admin opens the poster page; the poster's QR holds the entrance page's address. */
async function posterFor(slug: string) {
  const admin = await ensureStaff(db, { name: "Ada Beheer", email: "ada.admin@example.com", roles: ["admin"] });
  const adminCookie = await staffCookie(admin.id);
  const building = await buildingBySlug(db, slug);
  const page = await server.get(`/werk/toegang/affiches/${building.entranceId}`, { Cookie: adminCookie });
  expect(page.status).toBe(200);
  const html = await page.text();
  const code = html.match(/\/ingang\/([A-Za-z0-9_-]{22})/)![1];
  return { code, building, adminCookie };
}

/** A pass with a known pass-page key, as the invitation mail links to it. */
async function passWithLink(hostId: string, slug: string, visitorName: string) {
  const pass = await makePass(db, { hostId, buildingSlug: slug, visitorName });
  const key = `key-${pass.id.slice(0, 8)}-abcdefgh`;
  await db
    .update(passes)
    .set({ viewKeyHash: createHash("sha256").update(key).digest("hex") })
    .where(eq(passes.id, pass.id));
  return { ...pass, link: `http://localhost:1/pas/${pass.id}/${key}` };
}

describe("the entrance page behind the poster's QR, without JavaScript and without login", () => {
  it("prints an A4 SVG poster with building, address and instructions in nl, en and fr", async () => {
    const { building, adminCookie } = await posterFor("zeeridder");
    await db.update(buildings).set({ address: "Voorbeeldstraat 1, 2800 Mechelen" }).where(eq(buildings.id, building.id));
    const svg = await server.get(`/werk/toegang/affiches/${building.entranceId}/svg`, { Cookie: adminCookie });
    expect(svg.headers.get("Content-Type")).toContain("image/svg+xml");
    const text = await svg.text();
    expect(text).toContain('width="210mm" height="297mm"');
    expect(text).toContain(building.name);
    expect(text).toContain("Voorbeeldstraat 1, 2800 Mechelen");
    expect(text).toContain("Hoofdingang");
    expect(text).toContain("Scan deze code met uw telefoon");
    expect(text).toContain("Scan this code with your phone");
    expect(text).toContain("Scannez ce code avec votre téléphone");
    expect((await server.get(`/werk/toegang/affiches/${building.entranceId}/svg`)).status).not.toBe(200);
  });

  it("checks a visitor in with the link from their invitation, once, tells the host, and checks them out", async () => {
    const host = await ensureStaff(db, { name: "Gert Gastheer", email: "gert.entrance@example.com", roles: ["host"] });
    const { code } = await posterFor("zeeridder");
    const pass = await passWithLink(host.id, "zeeridder", "Els Bezoeker");
    const page = await (await server.get(`/ingang/${code}`)).text();
    expect(page).toContain("Ik heb een uitnodiging");
    expect(page).toContain("Ik heb geen uitnodiging");
    expect(page).toContain("Ik vertrek");

    const jar = cookieJar();
    const wrong = await server.post(`/ingang/${code}`, { _intent: "checkin", link: "hallo" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Plak de link uit uw uitnodiging of typ de korte code.");

    const res = await server.post(`/ingang/${code}`, { _intent: "checkin", link: pass.link });
    expect(res.status).toBe(200);
    jar.store(res);
    const html = await res.text();
    expect(html).toContain('data-outcome="welcome"');
    expect(html).toContain("Welkom, Els Bezoeker. U wordt verwacht door Gert Gastheer.");
    const [row] = await db.select().from(passes).where(eq(passes.id, pass.id));
    expect(row.inside).toBe(true);
    const mails = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, "gert.entrance@example.com"), eq(outbox.template, "access.arrival")));
    expect(mails).toHaveLength(1);

    // Single use, like at a kiosk.
    const again = await (await server.post(`/ingang/${code}`, { _intent: "checkin", link: pass.link })).text();
    expect(again).toContain('data-outcome="already_used"');

    // The phone remembers the visit: "Ik vertrek" needs no link.
    await server.get(`/ingang/${code}`); // the page without a visit, now in the shared cache
    const rememberedRes = await server.get(`/ingang/${code}`, { Cookie: jar.header() });
    expect(rememberedRes.headers.get("X-Page-Cache")).toBeNull();
    expect(rememberedRes.headers.get("Cache-Control")).toContain("no-store");
    const remembered = await rememberedRes.text();
    expect(remembered).toContain("Deze telefoon onthoudt uw bezoek.");
    const out = await (await server.post(`/ingang/${code}`, { _intent: "checkout" }, { Cookie: jar.header() })).text();
    expect(out).toContain('data-outcome="goodbye"');
    const [after] = await db.select().from(passes).where(eq(passes.id, pass.id));
    expect(after.inside).toBe(false);
    expect((await db.select().from(scans).where(eq(scans.passId, pass.id))).map((s) => s.outcome)).toEqual(expect.arrayContaining(["welcome", "already_used", "goodbye"]));
  });

  it("lets a walk-in ask a listed host, who lets them in: a pass on the spot and the arrival recorded", async () => {
    const host = await ensureStaff(db, { name: "Wim Ontvanger", email: "wim.walkin@example.com", roles: ["host"] });
    const unlisted = await ensureStaff(db, { name: "Geheime Collega", email: "secret.colleague@example.com", roles: ["host"] });
    const hostCookie = await staffCookie(host.id);
    const { code, building } = await posterFor("schepenhuis");
    const before = await (await server.get(`/ingang/${code}`)).text();
    expect(before).not.toContain("Wim Ontvanger");
    // The page is the same for every phone: the shared page cache keeps it...
    expect((await server.get(`/ingang/${code}`)).headers.get("X-Page-Cache")).toBe("hit");

    // The host chooses to take walk-ins in this building.
    const saved = await server.post("/werk/bezoekers/binnenlopers", { _intent: "settings", buildingId: building.id }, { Cookie: hostCookie });
    expect(saved.status).toBe(302);
    // ...and forgets it when a host changes where they take walk-ins.
    const page = await (await server.get(`/ingang/${code}`)).text();
    expect(page).toContain("Wim Ontvanger");
    expect(page).not.toContain(unlisted.name);
    // A host who chose to be listed and has since left the city is no longer named (changed here
    // straight in the database, so each look uses its own address past the page cache's minute).
    const left = await ensureStaff(db, { name: "Vertrokken Collega", email: "left.colleague@example.com", roles: ["host"] });
    await db.insert(walkInHosts).values({ userId: left.id, buildingId: building.id });
    expect(await (await server.get(`/ingang/${code}?a`)).text()).toContain("Vertrokken Collega");
    await db.execute(sql`update users set active = false where id = ${left.id}`);
    expect(await (await server.get(`/ingang/${code}?b`)).text()).not.toContain("Vertrokken Collega");

    const missing = await server.post(`/ingang/${code}`, { _intent: "walkin", name: "Lien", hostId: host.id, purpose: "Levering" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Duid aan dat u dit gelezen heeft.");
    const notListed = await server.post(`/ingang/${code}`, { _intent: "walkin", name: "Lien", hostId: unlisted.id, purpose: "Levering", privacy: "on" });
    expect(notListed.status).toBe(400);

    const asked = await server.post(`/ingang/${code}`, { _intent: "walkin", name: "Lien Loper", hostId: host.id, purpose: "Levering", privacy: "on" });
    expect(asked.status).toBe(302);
    const statusUrl = asked.headers.get("Location")!;
    expect(statusUrl).toMatch(new RegExp(`^/ingang/${code}/bezoek/[0-9a-f-]{36}/[A-Za-z0-9_-]+$`));
    const waitingRes = await server.get(statusUrl);
    expect(waitingRes.headers.get("Refresh")).toBe("10");
    const waiting = await waitingRes.text();
    expect(waiting).toContain("Wim Ontvanger heeft uw vraag gekregen.");
    expect(
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.toAddress, "wim.walkin@example.com"), eq(outbox.template, "access.walkin"))),
    ).toHaveLength(1);
    // Another visitor's key shows nothing.
    expect((await server.get(statusUrl.replace(/[^/]+$/, "not-the-right-key"))).status).toBe(404);

    const list = await (await server.get("/werk/bezoekers/binnenlopers", { Cookie: hostCookie })).text();
    expect(list).toContain("Lien Loper");
    const walkInId = statusUrl.split("/")[4];
    const otherHost = await staffCookie(unlisted.id);
    expect((await server.post("/werk/bezoekers/binnenlopers", { _intent: "approve", walkInId }, { Cookie: otherHost })).status).toBe(404);
    const approved = await server.post("/werk/bezoekers/binnenlopers", { _intent: "approve", walkInId }, { Cookie: hostCookie });
    expect(approved.status).toBe(302);

    const welcomeRes = await server.get(statusUrl);
    expect(welcomeRes.headers.get("Refresh")).toBeNull();
    const welcome = await welcomeRes.text();
    expect(welcome).toContain('data-walkin-status="approved"');
    expect(welcome).toContain("U mag binnen, Lien Loper.");
    expect(welcome).toContain('src="data:image/png;base64,');
    const [w] = await db.select().from(walkIns).where(eq(walkIns.id, walkInId));
    const [pass] = await db.select().from(passes).where(eq(passes.id, w.passId!));
    expect(pass.inside).toBe(true);

    // Leaving with the status link.
    const out = await (await server.post(`/ingang/${code}`, { _intent: "checkout", link: statusUrl })).text();
    expect(out).toContain('data-outcome="goodbye"');

    // Retention: the walk-in's name, purpose, pass and the mail to the host go with the same
    // period as invitations, by the same worker job (eraseVisitorData).
    const old = new Date(Date.now() - 40 * 86400_000);
    await db.update(walkIns).set({ createdAt: old }).where(eq(walkIns.id, walkInId));
    await db.update(passes).set({ validFrom: old, validUntil: old }).where(eq(passes.id, pass.id));
    await db
      .update(outbox)
      .set({ status: "sent", createdAt: old })
      .where(and(eq(outbox.toAddress, "wim.walkin@example.com"), eq(outbox.template, "access.walkin")));
    const erasedCounts = await eraseVisitorData(30);
    expect(erasedCounts.walkIns).toBe(1);
    expect(erasedCounts.passes).toBeGreaterThanOrEqual(1);
    const [erased] = await db.select().from(walkIns).where(eq(walkIns.id, walkInId));
    expect([erased.visitorName, erased.purpose, erased.viewKeyHash]).toEqual([null, null, null]);
    const [erasedPass] = await db.select().from(passes).where(eq(passes.id, pass.id));
    expect([erasedPass.visitorName, erasedPass.token]).toEqual([null, null]);
    const mails = await db.select().from(outbox).where(eq(outbox.template, "access.walkin"));
    expect(mails.map((m) => m.text).join("\n")).not.toContain("Lien Loper");
    expect((await server.get(statusUrl)).status).toBe(404);
  });

  it("checks a visitor in with the short code from their invitation, under the same rules as a kiosk scan", async () => {
    const host = await ensureStaff(db, { name: "Kim Kortecode", email: "kim.code@example.com", roles: ["host"] });
    const { code } = await posterFor("huis-van-de-mechelaar");
    const [poster] = await db.select().from(entrancePosters).where(eq(entrancePosters.code, code));
    const withCode = async (pass: { id: string }) => {
      const short = newShortCode();
      await db.update(passes).set({ shortCode: short }).where(eq(passes.id, pass.id));
      return short;
    };
    const pass = await makePass(db, { hostId: host.id, buildingSlug: "huis-van-de-mechelaar", visitorName: "Otto Code" });
    const short = await withCode(pass);

    // As read from the mail and typed on a phone: lower case, with the hyphens.
    const jar = cookieJar();
    const res = await server.post(`/ingang/${code}`, { _intent: "checkin", link: ` ${formatShortCode(short).toLowerCase()} ` });
    expect(res.status).toBe(200);
    jar.store(res);
    expect(await res.text()).toContain("Welkom, Otto Code. U wordt verwacht door Kim Kortecode.");
    expect((await db.select().from(passes).where(eq(passes.id, pass.id)))[0].inside).toBe(true);
    const [scan] = await db.select().from(scans).where(eq(scans.passId, pass.id));
    expect([scan.kioskId, scan.outcome]).toEqual([poster.entryKioskId, "welcome"]);
    expect(
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.toAddress, "kim.code@example.com"), eq(outbox.template, "access.arrival"))),
    ).toHaveLength(1);

    // Single use, like at a kiosk.
    expect(await (await server.post(`/ingang/${code}`, { _intent: "checkin", link: short })).text()).toContain('data-outcome="already_used"');

    // A mistyped character is caught by the check character, and what was typed is kept.
    const typo = short.slice(0, 3) + (short[3] === "A" ? "B" : "A") + short.slice(4);
    const mistyped = await server.post(`/ingang/${code}`, { _intent: "checkin", link: typo });
    expect(mistyped.status).toBe(400);
    const mistypedHtml = await mistyped.text();
    expect(mistypedHtml).toContain("Er is een teken verkeerd getypt.");
    expect(mistypedHtml).toContain(`value="${typo}"`);

    // The validity window and the building are the pass's, as at a kiosk; a cancelled pass is not found.
    const expired = await makePass(db, {
      hostId: host.id,
      buildingSlug: "huis-van-de-mechelaar",
      from: new Date(Date.now() - 3 * 3600_000),
      until: new Date(Date.now() - 2 * 3600_000),
    });
    expect(await (await server.post(`/ingang/${code}`, { _intent: "checkin", link: await withCode(expired) })).text()).toContain('data-outcome="expired"');
    const elsewhere = await makePass(db, { hostId: host.id, buildingSlug: "zeeridder" });
    expect(await (await server.post(`/ingang/${code}`, { _intent: "checkin", link: await withCode(elsewhere) })).text()).toContain('data-outcome="wrong_building"');
    const revoked = await makePass(db, { hostId: host.id, buildingSlug: "huis-van-de-mechelaar" });
    const revokedCode = await withCode(revoked);
    await db.update(passes).set({ revokedAt: new Date() }).where(eq(passes.id, revoked.id));
    expect(await (await server.post(`/ingang/${code}`, { _intent: "checkin", link: revokedCode })).text()).toContain('data-outcome="unknown_pass"');

    // The phone remembers the visit by its code: "Ik vertrek" needs nothing typed.
    const out = await (await server.post(`/ingang/${code}`, { _intent: "checkout" }, { Cookie: jar.header() })).text();
    expect(out).toContain('data-outcome="goodbye"');
    expect((await db.select().from(passes).where(eq(passes.id, pass.id)))[0].inside).toBe(false);
  });

  it("limits short-code look-ups per client address, apart from pasted links", async () => {
    const host = await ensureStaff(db, { name: "Raf Raden", email: "raf.guess@example.com", roles: ["host"] });
    const { code } = await posterFor("schepenhuis");
    const statuses: number[] = [];
    const guess = () => server.post(`/ingang/${code}`, { _intent: "checkin", link: newShortCode() });
    for (let i = 0; i < shortCodeRule().limit + 1; i++) statuses.push((await guess()).status);
    // Look-ups at the very end of a minute may fall in two windows; the limit still holds within one.
    if (statuses[statuses.length - 1] !== 429) for (let i = 0; i < shortCodeRule().limit; i++) statuses.push((await guess()).status);
    expect(statuses).toContain(429);
    const limited = await guess();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await limited.text()).toContain("Te veel pogingen. Wacht een minuut.");
    // The pass link still works from the same address: only guessing codes is slowed down.
    const pass = await passWithLink(host.id, "schepenhuis", "Pia Plakker");
    expect(await (await server.post(`/ingang/${code}`, { _intent: "checkin", link: pass.link })).text()).toContain('data-outcome="welcome"');
  });

  it("sends a refused walk-in to the reception, and a replaced code stops working", async () => {
    const reception = await ensureStaff(db, { name: "Rita Onthaal", email: "rita.reception@example.com", roles: ["frontoffice"] });
    const { code, building, adminCookie } = await posterFor("bibliotheek");
    const asked = await server.post(`/ingang/${code}`, { _intent: "walkin", name: "Karel", hostId: "reception", purpose: "Info", privacy: "on" });
    const statusUrl = asked.headers.get("Location")!;
    expect(await (await server.get(statusUrl)).text()).toContain("Het onthaal heeft uw vraag gekregen.");
    const walkInId = statusUrl.split("/")[4];
    expect((await server.post("/werk/bezoekers/binnenlopers", { _intent: "refuse", walkInId }, { Cookie: await staffCookie(reception.id) })).status).toBe(302);
    expect(await (await server.get(statusUrl)).text()).toContain("U kunt nu niet binnen. Ga naar het onthaal.");

    await server.get(`/ingang/${code}`);
    expect((await server.get(`/ingang/${code}`)).headers.get("X-Page-Cache")).toBe("hit");
    const replaced = await server.post("/werk/toegang/affiches", { _intent: "replace", entranceId: building.entranceId }, { Cookie: adminCookie });
    expect(replaced.status).toBe(302);
    expect((await server.get(`/ingang/${code}`)).status).toBe(404);
    expect((await server.post(`/ingang/${code}`, { _intent: "checkout" })).status).toBe(404);
    expect((await server.get(statusUrl)).status).toBe(404);
    const { code: fresh } = await posterFor("bibliotheek");
    expect(fresh).not.toBe(code);
    expect((await server.get(`/ingang/${fresh}`)).status).toBe(200);
    expect((await server.get("/ingang/short")).status).toBe(404);
  });

  it("limits posts per entrance and client address", async () => {
    const { code } = await posterFor("zeeridder");
    const statuses: number[] = [];
    for (let i = 0; i < entrancePostsPerMinute() + 1; i++) statuses.push((await server.post(`/ingang/${code}`, { _intent: "checkout", link: "" })).status);
    // Posts at the very end of a minute may fall in two windows; the limit still holds within one.
    const last = statuses[statuses.length - 1];
    if (last !== 429) {
      for (let i = 0; i < entrancePostsPerMinute(); i++) statuses.push((await server.post(`/ingang/${code}`, { _intent: "checkout", link: "" })).status);
    }
    expect(statuses).toContain(429);
    const limited = await server.post(`/ingang/${code}`, { _intent: "checkout", link: "" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
  });
});
