import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseEvents, cases } from "../../../db/schema";
import { definitionBySlug } from "../../../app/modules/cases/definitions.server";
import { fileOnBehalf } from "../../../app/modules/contacts/intake.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor, validPost } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
});
afterAll(() => server.close());

describe("identity checked at the counter", () => {
  it("is recorded on a certificate request filed at the counter when the agent ticks it, and only then", async () => {
    const me = await asActor((await ensureStaff(db, { email: "loket.id@example.com", roles: ["frontoffice"], name: "Loket Agent" })).id);
    const def = (await definitionBySlug("attest-of-kopie"))!;
    const values = validPost(def.form.steps.flatMap((s) => s.fields));
    const events = async (residentId: string) => {
      const [c] = await db.select({ id: cases.id }).from(cases).where(eq(cases.residentId, residentId));
      return db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, "identity-checked")));
    };

    const seen = await ensureResident(db, { name: "Gezien Aan Loket", email: "gezien@example.com" });
    expect(
      await fileOnBehalf(me, { residentId: seen.id, slug: def.slug, channel: "counter", values, uploads: [], idempotencyKey: "key-idcheck-0001", identityChecked: true }),
    ).toMatchObject({ ok: true });
    expect(await events(seen.id)).toMatchObject([{ actorId: me.id, visibility: "internal", data: { method: "counter" } }]);

    const notSeen = await ensureResident(db, { name: "Niet Gezien", email: "nietgezien@example.com" });
    expect(await fileOnBehalf(me, { residentId: notSeen.id, slug: def.slug, channel: "counter", values, uploads: [], idempotencyKey: "key-idcheck-0002" })).toMatchObject({
      ok: true,
    });
    expect(await events(notSeen.id)).toEqual([]);
  });

  it("is a checkbox on the counter's intake form, and a ticked one is recorded on the case filed over HTTP (a certificate: the counter, not eID, vouches)", async () => {
    const agent = await ensureStaff(db, { email: "loket.id.http@example.com", roles: ["frontoffice"], name: "Loket Http" });
    const cookie = (await startUserSession(new Request("http://portal.test/"), agent.id, true)).split(";")[0];
    const resident = await ensureResident(db, { name: "Aan Het Loket", email: "aanhetloket@example.com" });
    const def = (await definitionBySlug("attest-of-kopie"))!;
    const page = await (await server.get(`/werk/bewoners/${resident.id}/aanvraag/${def.slug}`, { Cookie: cookie })).text();
    expect(page).toMatch(/<input type="checkbox" id="_identityChecked" name="_identityChecked" value="1"\/?>/);
    const key = page.match(/name="_key" value="([^"]+)"/)![1];
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...validPost(def.form.steps.flatMap((s) => s.fields)), _channel: "counter", _key: key, _identityChecked: "1" }))
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    const filed = await fetch(`${server.baseUrl}/werk/bewoners/${resident.id}/aanvraag/${def.slug}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.baseUrl, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    expect(filed.status).toBe(302);
    const reference = filed.headers.get("Location")!.split("/").pop()!;
    const [c] = await db.select({ id: cases.id, channel: cases.channel }).from(cases).where(eq(cases.reference, reference));
    expect(c.channel).toBe("counter");
    expect(
      await db
        .select({ actorId: caseEvents.actorId, data: caseEvents.data })
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, "identity-checked"))),
    ).toEqual([{ actorId: agent.id, data: { method: "counter" } }]);
  });
});
