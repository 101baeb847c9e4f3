import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
const decode = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");
/** 36 characters that are not a UUID: used to reach PostgreSQL and give a 500. */
const NOT_A_UUID = "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz";

describe("staff routes: every id parsed before any query", () => {
  it("answers malformed path ids with 404 and malformed ids in forms with 400, never a 500", async () => {
    const admin = await sessionFor((await ensureStaff(db, { email: "kernel.admin@example.com", roles: ["admin", "frontoffice", "editor", "host"] })).id);
    for (const path of [
      `/werk/dossiers/${NOT_A_UUID}`,
      `/werk/dossiers/MEC-2026-000001/bestanden/${NOT_A_UUID}`,
      `/werk/bewoners/${NOT_A_UUID}`,
      `/werk/bewoners/${NOT_A_UUID}/aanvraag`,
      `/werk/bezoekers/${NOT_A_UUID}`,
      `/werk/beheer/medewerkers/${NOT_A_UUID}`,
      `/werk/inbox/${NOT_A_UUID}`,
      `/werk/inbox/bijlage/${NOT_A_UUID}/0`,
      `/werk/redactie/${NOT_A_UUID}`,
      `/werk/toegang/aanwezig/${NOT_A_UUID}`,
      "/werk/beheer/loketten/Not%20A%20Slug",
      "/werk/inzichten/csv/no-such-table",
    ]) {
      expect((await server.get(path, { Cookie: admin })).status, path).toBe(404);
    }
    for (const [path, body] of [
      ["/werk/taken", { taskId: NOT_A_UUID }],
      ["/werk/beheer/loketten", { _intent: "deskActive", deskId: NOT_A_UUID, active: "true" }],
      ["/werk/beheer/diensten", { teamId: NOT_A_UUID, leadIds: NOT_A_UUID }],
      ["/werk/toegang", { _intent: "revoke", kioskId: NOT_A_UUID }],
      ["/werk/dossiers?index", { reference: "MEC-1", version: "1" }],
    ] as const) {
      expect((await server.post(path, body, { Cookie: admin })).status, path).toBe(400);
    }
  });
});

describe("the back-office case page", () => {
  it("shows the state, due date and next step on top, each action behind its own disclosure, and no '(alleen substatus)' choice", async () => {
    const resident = await asActor((await ensureResident(db, { email: "kernel.res@example.com" })).id);
    const agent = await ensureStaff(db, { email: "kernel.bo@example.com", roles: ["backoffice"], teamSlugs: ["mobiliteit"] });
    const cookie = await sessionFor(agent.id);
    const { reference } = await fileCase(resident, "bewonerskaart-parkeren");
    const html = decode(await (await server.get(`/werk/dossiers/${reference}`, { Cookie: cookie })).text());
    const top = html.indexOf('id="state-title"');
    expect(top).toBeGreaterThan(-1);
    expect(html.indexOf("Volgende stap")).toBeGreaterThan(top);
    expect(html).toContain("Neem het dossier, zodat de bewoner weet wie het behandelt.");
    // The state comes before the history, the history before the actions.
    expect(top).toBeLessThan(html.indexOf('id="timeline-title"'));
    expect(html.indexOf('id="timeline-title"')).toBeLessThan(html.indexOf('id="ask-title"'));
    expect(html.match(/<details name="case-action">/g)?.length).toBeGreaterThanOrEqual(6);
    expect(html).not.toContain("alleen substatus");
    // A form that fails opens again with its errors and what was typed.
    const failed = decode(await (await server.post(`/werk/dossiers/${reference}`, { _intent: "pause", version: "1", reason: "" }, { Cookie: cookie })).text());
    expect(failed).toMatch(/<details name="case-action" open="">\s*<summary><span id="pause-title"/);
    expect(failed).toContain('href="#pause-reason"');
    // An unknown action is a 400, not a 500.
    expect((await server.post(`/werk/dossiers/${reference}`, { _intent: "explode", version: "1" }, { Cookie: cookie })).status).toBe(400);
  });
});
