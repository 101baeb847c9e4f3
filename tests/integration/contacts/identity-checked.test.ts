import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { caseEvents, cases } from "../../../db/schema";
import { definitionBySlug } from "../../../app/modules/cases/definitions.server";
import { fileOnBehalf } from "../../../app/modules/contacts/intake.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor, validPost } from "../../factories/cases";
import { ensureResident, ensureStaff } from "../../factories/identity";

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

describe("identity checked at the counter", () => {
  it("is recorded on a certificate request filed at the counter when the agent ticks it, and only then", async () => {
    const me = await asActor((await ensureStaff(db, { email: "loket.id@example.com", roles: ["frontoffice"], name: "Loket Agent" })).id);
    const def = (await definitionBySlug("attest-of-kopie"))!;
    const values = validPost(def.form.steps.flatMap((s) => s.fields));
    const events = async (residentId: string) => {
      const [c] = await db.select({ id: cases.id }).from(cases).where(eq(cases.residentId, residentId));
      return db.select().from(caseEvents).where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.type, "identity-checked")));
    };

    const seen = await ensureResident(db, { name: "Gezien Aan Loket", email: "gezien@example.com" });
    expect(await fileOnBehalf(me, { residentId: seen.id, slug: def.slug, channel: "counter", values, uploads: [], idempotencyKey: "key-idcheck-0001", identityChecked: true })).toMatchObject({ ok: true });
    expect(await events(seen.id)).toMatchObject([{ actorId: me.id, visibility: "internal", data: { method: "counter" } }]);

    const notSeen = await ensureResident(db, { name: "Niet Gezien", email: "nietgezien@example.com" });
    expect(await fileOnBehalf(me, { residentId: notSeen.id, slug: def.slug, channel: "counter", values, uploads: [], idempotencyKey: "key-idcheck-0002" })).toMatchObject({ ok: true });
    expect(await events(notSeen.id)).toEqual([]);
  });
});
