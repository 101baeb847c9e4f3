import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cases, teamMembers } from "../../../db/schema";
import { clearDefinitionCache } from "../../../app/modules/cases/definitions.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor, fileCase } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
});
afterAll(() => server.close());

const sessionFor = async (userId: string) => (await startUserSession(new Request("http://portal.test/"), userId, true)).split(";")[0];
const caseRow = async (reference: string) => (await db.select().from(cases).where(eq(cases.reference, reference)))[0];
const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");

async function setup(prefix: string) {
  const resident = await asActor((await ensureResident(db, { email: `${prefix}@example.com`, name: `Bewoner ${prefix}` })).id);
  const a = await ensureStaff(db, { email: `${prefix}.a@example.com`, name: `Agent A ${prefix}`, roles: ["backoffice"], teamSlugs: ["mobiliteit"] });
  const b = await ensureStaff(db, { email: `${prefix}.b@example.com`, name: `Agent B ${prefix}`, roles: ["backoffice"], teamSlugs: ["mobiliteit"] });
  const other = await ensureStaff(db, { email: `${prefix}.w@example.com`, roles: ["backoffice"], teamSlugs: ["welzijn"] });
  const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
  return { resident, reference, a: await sessionFor(a.id), b: await sessionFor(b.id), other: await sessionFor(other.id), aId: a.id };
}

describe("back-office pages without JavaScript", () => {
  it("shows the team queue with filters as a bookmarkable GET form, and the case page audited", async () => {
    const { reference, a, other, resident } = await setup("httpq");
    const queue = await server.get("/werk/dossiers?assigned=none&due=&channel=web", { Cookie: a });
    expect(queue.status).toBe(200);
    const html = decode(await queue.text());
    expect(html).toContain(`href="/werk/dossiers/${reference}"`);
    expect(html).toMatch(/<form method="get"/);
    expect(html).toMatch(/Niet toegewezen \(\d+\)/);
    // Statuses in words, the key only as a data attribute (never as the visible text).
    expect(html).toMatch(/<td data-status="ontvangen">We hebben uw aanvraag ontvangen\. Een medewerker bekijkt ze\./);
    expect(html).not.toMatch(/<option value="ontvangen">ontvangen/);
    const page = await server.get(`/werk/dossiers/${reference}`, { Cookie: a });
    expect(page.status).toBe(200);
    const body = decode(await page.text());
    expect(body).toContain("Zichtbaar voor bewoner");
    expect(body).toContain("Intern");
    expect(body).toMatch(/name="version" value="1"/);
    // Another team: refused, and not audited.
    expect((await server.get(`/werk/dossiers/${reference}`, { Cookie: other })).status).toBe(403);
    const audits = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, resident.id));
    expect(audits.filter((x) => x.action === "case.opened")).toHaveLength(1);
    // Residents never reach the back office.
    const resCookie = (await startUserSession(new Request("http://portal.test/"), resident.id, false)).split(";")[0];
    expect((await server.get("/werk/dossiers", { Cookie: resCookie })).status).toBe(403);
  });

  it("counts a case claimed from the queue page under 'Aan mij toegewezen' at once", async () => {
    const { reference, a } = await setup("httpk");
    const before = decode(await (await server.get("/werk/dossiers", { Cookie: a })).text());
    expect(before).toContain("Aan mij toegewezen (0)");
    // The queue's counts are shared for a few seconds; a claim from the queue forgets them.
    const claimed = await server.post("/werk/dossiers?index", { reference, version: "1" }, { Cookie: a });
    expect(claimed.status).toBe(200);
    expect(decode(await claimed.text())).toContain("Aan mij toegewezen (1)");
    expect(decode(await (await server.get("/werk/dossiers", { Cookie: a })).text())).toContain("Aan mij toegewezen (1)");
  });

  it("keeps what the second agent typed when a colleague changed the case first", async () => {
    const { reference, a, b, aId } = await setup("httpc");
    // Both opened the case at version 1; A claims it first.
    const claimed = await server.post(`/werk/dossiers/${reference}`, { _intent: "claim", version: "1" }, { Cookie: a });
    expect(claimed.status).toBe(302);
    expect((await caseRow(reference)).assigneeId).toBe(aId);
    const typed = "Kunt u een kopie van uw inschrijvingsbewijs sturen?";
    const stale = await server.post(`/werk/dossiers/${reference}`, { _intent: "ask", version: "1", question: typed }, { Cookie: b });
    expect(stale.status).toBe(409);
    const html = decode(await stale.text());
    expect(html).toContain("Een collega heeft dit dossier intussen gewijzigd");
    expect(html).toContain(typed);
    // The page shows the current state: assigned to A, with the new version in the forms.
    expect(html).toContain("Agent A httpc");
    expect(html).toMatch(/name="version" value="2"/);
    expect((await caseRow(reference)).waitingSince).toBeNull();
    const retry = await server.post(`/werk/dossiers/${reference}`, { _intent: "ask", version: "2", question: typed }, { Cookie: b });
    expect(retry.status).toBe(302);
    expect((await caseRow(reference)).waitingSince).not.toBeNull();
  });

  it("shows field errors with the values kept, and refuses illegal transitions with a message", async () => {
    const { reference, a } = await setup("httpv");
    const missing = await server.post(`/werk/dossiers/${reference}`, { _intent: "extend", version: "1", dueDate: "2027-02-30", reason: "" }, { Cookie: a });
    expect(missing.status).toBe(400);
    const html = decode(await missing.text());
    expect(html).toContain('href="#extend-dueDate"');
    expect(html).toContain('href="#extend-reason"');
    expect(html).toContain('value="2027-02-30"');
    const illegal = await server.post(`/werk/dossiers/${reference}`, { _intent: "move", version: "1", to: "toegekend" }, { Cookie: a });
    expect(illegal.status).toBe(409);
    expect(decode(await illegal.text())).toContain("Deze stap is niet mogelijk vanuit de huidige status.");
    expect((await caseRow(reference)).status).toBe("ontvangen");
  });

  it("lets an admin change a service's team and status model only when the model is sound", async () => {
    const admin = await ensureStaff(db, { email: "httpadmin@example.com", roles: ["admin"] });
    const cookie = await sessionFor(admin.id);
    const page = decode(await (await server.get("/werk/beheer/diensten/vraag-aan-de-stad", { Cookie: cookie })).text());
    const model = JSON.parse(page.match(/<textarea[^>]*name="statusModel"[^>]*>([\s\S]*?)<\/textarea>/)![1]) as { statuses: { key: string; next: string[] }[] };
    const teamId = page.match(/<option value="([0-9a-f-]{36})">Participatie<\/option>/)![1];
    const broken = structuredClone(model);
    broken.statuses.find((s) => s.key === "in-behandeling")!.next = ["in-behandeling-2"];
    broken.statuses.push({ ...broken.statuses.find((s) => s.key === "in-behandeling")!, key: "in-behandeling-2", next: ["in-behandeling"] });
    const refused = await server.post("/werk/beheer/diensten/vraag-aan-de-stad", { teamId, normDays: "20", statusModel: JSON.stringify(broken) }, { Cookie: cookie });
    expect(refused.status).toBe(400);
    const why = decode(await refused.text());
    expect(why).toContain("Vanuit status in-behandeling kan een dossier nooit afgesloten worden.");
    // Nobody works in Participatie yet: its requests would wait forever, so the route is refused.
    const empty = await server.post("/werk/beheer/diensten/vraag-aan-de-stad", { teamId, normDays: "20", statusModel: JSON.stringify(model) }, { Cookie: cookie });
    expect(empty.status).toBe(400);
    expect(decode(await empty.text())).toContain("Dit team heeft geen actieve medewerkers.");
    await ensureStaff(db, { email: "httpadmin.participatie@example.com", roles: ["backoffice"], teamSlugs: ["participatie"] });
    const saved = await server.post("/werk/beheer/diensten/vraag-aan-de-stad", { teamId, normDays: "20", statusModel: JSON.stringify(model) }, { Cookie: cookie });
    expect(saved.status).toBe(302);
    // The server dropped its definition cache; this test process has its own (other processes take up to a minute).
    clearDefinitionCache();
    const resident = await asActor((await ensureResident(db, { email: "httpadmin.res@example.com" })).id);
    const { reference } = await fileCase(resident, "vraag-aan-de-stad");
    expect((await caseRow(reference)).teamId).toBe(teamId);
    const backoffice = await ensureStaff(db, { email: "httpadmin.bo@example.com", roles: ["backoffice"] });
    expect((await server.get("/werk/beheer/diensten", { Cookie: await sessionFor(backoffice.id) })).status).toBe(403);
  });

  it("lets an admin choose the team leads who get the daily overview", async () => {
    const admin = await ensureStaff(db, { email: "leads.admin@example.com", roles: ["admin"] });
    const lead = await ensureStaff(db, { email: "leads.lead@example.com", name: "Lotte Lead", roles: ["backoffice"], teamSlugs: ["facility"] });
    const other = await ensureStaff(db, { email: "leads.other@example.com", roles: ["backoffice"], teamSlugs: ["facility"] });
    const cookie = await sessionFor(admin.id);
    const page = decode(await (await server.get("/werk/beheer/diensten", { Cookie: cookie })).text());
    expect(page).toContain("Lotte Lead");
    const teamId = (await db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, lead.id)))[0].teamId;
    const saved = await server.post("/werk/beheer/diensten", { teamId, leadIds: lead.id }, { Cookie: cookie });
    expect(saved.status).toBe(302);
    const rows = await db.select().from(teamMembers).where(eq(teamMembers.teamId, teamId));
    expect(rows.find((r) => r.userId === lead.id)?.isLead).toBe(true);
    expect(rows.find((r) => r.userId === other.id)?.isLead).toBe(false);
    expect((await server.post("/werk/beheer/diensten", { teamId, leadIds: lead.id }, { Cookie: await sessionFor(other.id) })).status).toBe(403);
  });
});
