import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamMembers, users } from "../../../db/schema";
import { decideCase, moveCase } from "../../../app/modules/cases/staff.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor, fileCase } from "../../factories/cases";
import { ensureResident, ensureStaff, ensureTeam } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
});
afterAll(() => server.close());

const sessionFor = async (userId: string, staff = true) => (await startUserSession(new Request("http://portal.test/"), userId, staff)).split(";")[0];
const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");
const body = (html: string) => html.slice(html.indexOf("<body"));

describe("no request stranded, without JavaScript", () => {
  it("shows the front office the cases nobody can take, linked from the workplace; other back-office staff get no such list", async () => {
    const resident = await asActor((await ensureResident(db, { email: "strandhttp.res@example.com" })).id);
    const front = await ensureStaff(db, { email: "strandhttp.fo@example.com", roles: ["frontoffice"] });
    const agent = await ensureStaff(db, { email: "strandhttp.bo@example.com", roles: ["backoffice"], teamSlugs: ["burgerzaken"] });
    const { reference } = await fileCase(resident, "evenement-aanvragen");
    const fo = await sessionFor(front.id);
    expect(decode(await (await server.get("/werk", { Cookie: fo })).text())).toContain('href="/werk/zonder-behandelaar"');
    // The same page's data for a client-side navigation (Remix single fetch) is no "unknown file".
    expect((await server.get("/werk/zonder-behandelaar.data", { Cookie: fo })).status).toBe(200);
    const list = await server.get("/werk/zonder-behandelaar", { Cookie: fo });
    expect(list.status).toBe(200);
    const html = decode(await list.text());
    expect(html).toContain(`href="/werk/dossiers/${reference}">${reference}</a>`);
    expect(html).toContain("Het team heeft geen actieve medewerkers");
    const bo = await sessionFor(agent.id);
    expect(decode(await (await server.get("/werk", { Cookie: bo })).text())).not.toContain('href="/werk/zonder-behandelaar"');
    expect((await server.get("/werk/zonder-behandelaar", { Cookie: bo })).status).toBe(403);
  });

  it("asks the admin to confirm before a team loses its last member", async () => {
    const admin = await ensureStaff(db, { email: "strandhttp.admin@example.com", roles: ["admin"] });
    await ensureTeam(db, { slug: "strandhttp-team", name: "Eenmansteam" });
    const only = await ensureStaff(db, { email: "strandhttp.only@example.com", name: "Enig Lid", roles: ["backoffice"], teamSlugs: ["strandhttp-team"] });
    const cookie = await sessionFor(admin.id);
    const form = { name: "Enig Lid", email: "strandhttp.only@example.com", roles: "backoffice", active: "on" };
    const warned = await server.post(`/werk/beheer/medewerkers/${only.id}`, form, { Cookie: cookie });
    expect(warned.status).toBe(400);
    const html = decode(await warned.text());
    expect(html).toContain("Na deze wijziging heeft een team geen actieve medewerkers meer.");
    expect(html).toContain('name="confirmLastMember"');
    expect(await db.select().from(teamMembers).where(eq(teamMembers.userId, only.id))).toHaveLength(1);
    const saved = await server.post(`/werk/beheer/medewerkers/${only.id}`, { ...form, confirmLastMember: "on" }, { Cookie: cookie });
    expect(saved.status).toBe(302);
    expect(await db.select().from(teamMembers).where(eq(teamMembers.userId, only.id))).toHaveLength(0);
  });
});

describe("decisions explained, without JavaScript", () => {
  it("shows the resident the decision's reason on their case page, as plain text", async () => {
    const resident = await asActor((await ensureResident(db, { email: "reasonhttp.res@example.com" })).id);
    const agent = await asActor((await ensureStaff(db, { email: "reasonhttp.bo@example.com", roles: ["backoffice"], teamSlugs: ["mobiliteit"] })).id);
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    await moveCase(agent, reference, { to: "in-behandeling" });
    await decideCase(agent, reference, { to: "afgewezen", reason: "Buiten de zone <b>Nekkerspoel</b>." });
    const page = await server.get(`/mijn/dossiers/${reference}`, { Cookie: await sessionFor(resident.id, false) });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Waarom deze beslissing");
    expect(html).toContain("Buiten de zone &lt;b&gt;Nekkerspoel&lt;/b&gt;.");
    expect(html).not.toContain("<b>Nekkerspoel</b>");
  });
});

describe("the 360° view, without JavaScript", () => {
  it("links case references, offers the phone number from a request, and shows the on-behalf receipt's heading once", async () => {
    const front = await asActor((await ensureStaff(db, { email: "view360.fo@example.com", roles: ["frontoffice"] })).id);
    const resident = await ensureResident(db, { email: "view360.res@example.com", name: "Vera Driehonderdzestig" });
    const { reference } = await fileCase(front, "bewonerskaart-parkeren", { residentId: resident.id, channel: "counter" });
    const cookie = await sessionFor(front.id);
    const file = decode(await (await server.get(`/werk/bewoners/${resident.id}`, { Cookie: cookie })).text());
    expect(file).toContain(`href="/werk/dossiers/${reference}">${reference}</a>`);
    expect(file).toContain(`action="/werk/bewoners/${resident.id}/telefoon"`);
    expect(file).toContain("Gebruik 015 12 34 56");

    const wrong = await server.post(`/werk/bewoners/${resident.id}/telefoon`, { phone: "0470 99 99 99" }, { Cookie: cookie });
    expect([wrong.status, wrong.headers.get("location")]).toEqual([400, null]);
    expect(decode(await wrong.text())).toContain("Dit nummer komt niet uit een aanvraag van deze bewoner.");
    const saved = await server.post(`/werk/bewoners/${resident.id}/telefoon`, { phone: "015 12 34 56" }, { Cookie: cookie });
    expect([saved.status, saved.headers.get("location")]).toEqual([302, `/werk/bewoners/${resident.id}?telefoon-bewaard`]);
    expect((await db.select({ phone: users.phone }).from(users).where(eq(users.id, resident.id)))[0].phone).toBe("015 12 34 56");
    const after = decode(await (await server.get(`/werk/bewoners/${resident.id}?telefoon-bewaard`, { Cookie: cookie })).text());
    expect(after).toContain("Het telefoonnummer staat nu in het profiel.");
    expect(after).not.toContain("Gebruik 015 12 34 56");

    const receipt = decode(await (await server.get(`/werk/bewoners/${resident.id}/aanvraag/bevestiging/${reference}`, { Cookie: cookie })).text());
    expect(body(receipt).split("De aanvraag is ingediend").length - 1).toBe(1);
  });
});
