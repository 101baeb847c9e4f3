import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox, passes } from "../../../db/schema";
import { createInvitation } from "../../../app/modules/access/invitations.server";
import { resolveShortCode } from "../../../app/modules/access/short-code.server";
import { formatShortCode, newShortCode } from "../../../app/modules/access/short-code";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { cookieJar, startTestServer } from "../../setup/http-server";
import { buildingBySlug, makeKiosk, makePass } from "../../factories/access";
import { ensureStaff } from "../../factories/identity";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function kioskJar(credential: string) {
  const jar = cookieJar();
  jar.store(await server.post("/kiosk", { _intent: "login", credential }));
  return jar;
}

/** Gives a pass made straight in the database its short code, as issuing does. */
async function withShortCode(passId: string) {
  const code = newShortCode();
  await db.update(passes).set({ shortCode: code }).where(eq(passes.id, passId));
  return code;
}

const inTwoDays = () => new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
const passPath = (text: string) => new URL(text.match(/https?:\/\/\S+\/pas\/\S+/)![0]).pathname;

describe("the visitor's pass: building facts and a short code a person can type", () => {
  it("shows only what the city stated about a building on the pass page, in the mail and the .ics; an admin edits it in /werk/toegang", async () => {
    const admin = await ensureStaff(db, { email: "beheer.gebouw@example.com", roles: ["admin", "host"] });
    const cookie = (await startUserSession(new Request("http://portal.test/"), admin.id, true)).split(";")[0];
    const building = await buildingBySlug(db, "zeeridder");

    // Seeded without invented facts: nothing stated, nothing shown.
    expect([building.address, building.openingHours, building.accessibility]).toEqual([null, null, null]);
    const actor = (await loadCurrentUser(admin.id))!;
    await createInvitation(actor, {
      visitors: [{ name: "Nora", email: "nora.gebouw@example.com", organisation: "", language: "nl" }],
      buildingId: building.id,
      purpose: "Overleg",
      entries: "single",
      repeatWeeks: 1,
      date: inTwoDays(),
      from: "10:00",
      until: "11:00",
    });
    const [first] = await db.select().from(outbox).where(eq(outbox.toAddress, "nora.gebouw@example.com"));
    expect(first.text).not.toContain("Openingsuren");
    const firstPage = await (await server.get(passPath(first.text))).text();
    expect(firstPage).not.toContain("<dt>Openingsuren</dt>");
    expect(firstPage).not.toContain("<dt>Toegankelijkheid</dt>");

    // The admin form, as a browser without JavaScript posts it; only an admin may.
    const anonymous = await server.post("/werk/toegang", { _intent: "building", buildingId: building.id, address: "x", openingHours: "", accessibility: "" });
    expect(anonymous.status).toBe(302);
    const saved = await server.post(
      "/werk/toegang",
      {
        _intent: "building",
        buildingId: building.id,
        address: " Voorbeeldstraat 1, 2800 Mechelen ",
        openingHours: "ma–vr 9–12 u",
        accessibility: "Ingang zonder trappen, lift naar alle verdiepingen",
      },
      { Cookie: cookie },
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toContain("/werk/toegang?gebouw=1");
    const adminPage = await (await server.get("/werk/toegang", { Cookie: cookie })).text();
    expect(adminPage).toContain("ma–vr 9–12 u");
    const bad = await server.post("/werk/toegang", { _intent: "building", buildingId: "not-a-uuid", address: "", openingHours: "", accessibility: "" }, { Cookie: cookie });
    expect(bad.status).toBe(400);

    await createInvitation(actor, {
      visitors: [{ name: "Omar", email: "omar.gebouw@example.com", organisation: "", language: "en" }],
      buildingId: building.id,
      purpose: "Meeting",
      entries: "single",
      repeatWeeks: 1,
      date: inTwoDays(),
      from: "10:00",
      until: "11:00",
    });
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, "omar.gebouw@example.com"));
    expect(mail.text).toContain("Address: Voorbeeldstraat 1, 2800 Mechelen");
    expect(mail.text).toContain("Opening hours: ma–vr 9–12 u");
    expect(mail.text).toContain("Accessibility: Ingang zonder trappen, lift naar alle verdiepingen");
    const [pass] = await db.select().from(passes).where(eq(passes.visitorEmail, "omar.gebouw@example.com"));
    expect(pass.shortCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{9}$/);
    expect(mail.text).toContain(formatShortCode(pass.shortCode!));
    const ics = Buffer.from((mail.attachments as { filename: string; contentBase64: string }[]).find((a) => a.filename.endsWith(".ics"))!.contentBase64, "base64").toString();
    expect(ics.replace(/\r\n[ \t]/g, "")).toContain("Opening hours: ma–vr 9–12 u");
    expect(ics.replace(/\r\n[ \t]/g, "")).toContain("LOCATION:De Zeeridder\\, Voorbeeldstraat 1\\, 2800 Mechelen");

    const page = await (await server.get(passPath(mail.text), { "Accept-Language": "en" })).text();
    expect(page).toContain("<dt>Opening hours</dt>");
    expect(page).toContain("ma–vr 9–12 u");
    expect(page).toContain("lift naar alle verdiepingen");
    // The manual fallback is the short code, grouped; the long QR text is no longer shown.
    expect(page).toContain(`<code>${formatShortCode(pass.shortCode!)}</code>`);
    expect(page).not.toContain(pass.token!);
  });

  it("opens the door with a typed short code, answers a typo without a look-up, and limits guessing per kiosk", async () => {
    const host = await ensureStaff(db, { name: "Hanne Gastvrouw", email: "hanne.kort@example.com", roles: ["host"] });
    const kiosk = await makeKiosk(db, { buildingSlug: "bibliotheek" });
    const pass = await makePass(db, { hostId: host.id, buildingSlug: "bibliotheek", visitorName: "Ilse" });
    const code = await withShortCode(pass.id);
    const jar = await kioskJar(kiosk.credential);

    // Typed as a person would: lower case, with a space.
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`;
    const html = await (await server.post("/kiosk", { _intent: "scan", code: typed }, { Cookie: jar.header() })).text();
    expect(html).toContain('data-outcome="welcome"');
    expect(html).toContain("Welkom, Ilse. U wordt verwacht door Hanne Gastvrouw.");

    const last = code.slice(-1) === "0" ? "1" : "0";
    const typo = await server.post("/kiosk/scan", { code: code.slice(0, -1) + last }, { Cookie: jar.header() });
    expect(await typo.json()).toEqual({ outcome: "short_code_typo" });

    expect(await resolveShortCode(code, "test")).toMatchObject({ ok: true, passId: pass.id });
    await db.execute(sql`update access_passes set revoked_at = now() where id = ${pass.id}`);
    expect(await resolveShortCode(code, "test")).toEqual({ ok: false, reason: "unknown" });

    // Guessing: after 10 look-ups in a minute the kiosk answers "wait".
    const other = await makeKiosk(db, { buildingSlug: "bibliotheek", name: "Zuil 2" });
    const otherJar = await kioskJar(other.credential);
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i++)
      outcomes.push(((await (await server.post("/kiosk/scan", { code: newShortCode() }, { Cookie: otherJar.header() })).json()) as { outcome: string }).outcome);
    expect(outcomes.slice(0, 10).every((o) => o === "not_city_code")).toBe(true);
    expect(outcomes.slice(10)).toEqual(["rate_limited", "rate_limited"]);
  });
});

describe("the door kiosk clears and is signed out by staff only", () => {
  it("clears the answer with the visitor's name by itself (a refresh without JavaScript)", async () => {
    const host = await ensureStaff(db, { email: "host.wis@example.com", roles: ["host"] });
    const kiosk = await makeKiosk(db, { buildingSlug: "schepenhuis" });
    const pass = await makePass(db, { hostId: host.id, buildingSlug: "schepenhuis", visitorName: "Wim" });
    const jar = await kioskJar(kiosk.credential);
    const res = await server.post("/kiosk", { _intent: "scan", code: pass.token }, { Cookie: jar.header() });
    const html = await res.text();
    expect(html).toContain("Welkom, Wim.");
    // Without JavaScript the page's Refresh header clears it (a <meta> refresh in <body> is not valid HTML).
    expect(res.headers.get("Refresh")).toBe("6; url=/kiosk");
  });

  it("does not sign out on one tap: it needs this kiosk's key", async () => {
    const kiosk = await makeKiosk(db, { buildingSlug: "schepenhuis", name: "Zuil afmelden" });
    const other = await makeKiosk(db, { buildingSlug: "zeeridder", name: "Andere zuil" });
    const jar = await kioskJar(kiosk.credential);
    const tap = await server.post("/kiosk", { _intent: "logout" }, { Cookie: jar.header() });
    expect(tap.status).toBe(400);
    expect(tap.headers.getSetCookie()).toEqual([]);
    expect(await tap.text()).toContain("Deze sleutel is niet juist");
    const wrongKiosk = await server.post("/kiosk", { _intent: "logout", credential: other.credential }, { Cookie: jar.header() });
    expect(wrongKiosk.status).toBe(400);
    expect(await (await server.get("/kiosk", { Cookie: jar.header() })).text()).toContain("Toegang: Schepenhuis");

    const ok = await server.post("/kiosk", { _intent: "logout", credential: kiosk.credential }, { Cookie: jar.header() });
    expect(ok.status).toBe(302);
    jar.store(ok);
    expect(await (await server.get("/kiosk", { Cookie: jar.header() })).text()).toContain("Zuil aanmelden");
  });
});
