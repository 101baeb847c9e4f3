import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passes } from "../../../db/schema";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { buildingBySlug } from "../../factories/access";
import { ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function hostCookie() {
  const host = await ensureStaff(db, { name: "Hanne Gastvrouw", email: "hanne.host@example.com", roles: ["host"] });
  return (await startUserSession(new Request("http://portal.test/"), host.id, true)).split(";")[0];
}

const rowsIn = (html: string) => new Set([...html.matchAll(/name="visitor(\d+)Name"/g)].map((m) => m[1])).size;

describe("the invitation form without JavaScript", () => {
  it("adds a visitor row on request, keeping what was typed, and invites everyone on it", async () => {
    const cookie = await hostCookie();
    const empty = await (await server.get("/werk/bezoekers/nieuw", { Cookie: cookie })).text();
    expect(rowsIn(empty)).toBe(3);
    expect(empty).toContain('name="_intent" value="addVisitor"');

    const building = await buildingBySlug(db, "zeeridder");
    const date = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
    const typed = {
      visitor0Name: "Ann",
      visitor0Email: "ann@example.com",
      visitor1Name: "Bert",
      visitor1Email: "bert@example.com",
      visitor2Name: "Cis",
      visitor2Email: "cis@example.com",
      buildingId: building.id,
      date,
      from: "09:00",
      until: "10:00",
      purpose: "Werkbezoek",
      entries: "single",
    };
    const more = await server.post("/werk/bezoekers/nieuw", { ...typed, rows: "3", _intent: "addVisitor" }, { Cookie: cookie });
    expect(more.status).toBe(200);
    const html = await more.text();
    expect(rowsIn(html)).toBe(4);
    // The new row has the focus (an HTML attribute: works without JavaScript).
    expect(html).toMatch(/<input[^>]*id="visitor3Name"[^>]*autofocus|<input[^>]*autofocus[^>]*id="visitor3Name"/i);
    expect(html).toContain('value="Bert"');
    expect(html).toContain('value="Werkbezoek"');
    expect(html).not.toContain('class="error-summary"');

    const sent = await server.post("/werk/bezoekers/nieuw", { ...typed, rows: "4", visitor3Name: "Dirk", visitor3Email: "dirk@example.com" }, { Cookie: cookie });
    expect(sent.status).toBe(302);
    const invitationId = new URL(sent.headers.get("Location")!, server.baseUrl).pathname.split("/").pop()!;
    const made = await db.select({ name: passes.visitorName }).from(passes).where(eq(passes.invitationId, invitationId));
    expect(made.map((p) => p.name).sort()).toEqual(["Ann", "Bert", "Cis", "Dirk"]);
  });

  it("keeps every filled row when the form comes back with an error", async () => {
    const cookie = await hostCookie();
    const res = await server.post(
      "/werk/bezoekers/nieuw",
      { rows: "5", visitor0Name: "Ann", visitor0Email: "ann@example.com", visitor4Name: "Eva", visitor4Email: "eva@example.com", purpose: "" },
      { Cookie: cookie },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(rowsIn(html)).toBe(5);
    expect(html).toContain('value="Eva"');
  });
});
