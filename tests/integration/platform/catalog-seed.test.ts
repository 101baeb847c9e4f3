import { isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { services } from "../../../db/schema";
import { getServiceBySlug } from "../../../app/modules/catalog/catalog.server";
import { db } from "../../../app/utils/db.server";
import { loadServiceRecords, seedCatalog } from "../../../seeds/catalog";
import { runSeeds } from "../../../seeds/run";

describe("the service catalogue seed", () => {
  it("loads every service once, each routed to an existing team", async () => {
    await runSeeds(db, { demo: false, production: false });
    const records = loadServiceRecords();
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(services);
    expect(n).toBe(records.length);
    expect(await db.select().from(services).where(isNull(services.competentTeamId))).toEqual([]);
    expect(await seedCatalog(db)).toBe(records.length);
  });

  it("keeps a service edited in the portal when seeding again", async () => {
    await runSeeds(db, { demo: false, production: false });
    await db.execute(sql`update services set summary = 'Aangepast door de redactie.' where slug = 'attest-of-kopie'`);
    await runSeeds(db, { demo: false, production: false });
    expect((await getServiceBySlug("attest-of-kopie"))?.summary).toBe("Aangepast door de redactie.");
  });

  it("invents no fees, processing times or legal bases", () => {
    for (const r of loadServiceRecords()) {
      expect(r.cost, r.slug).toBeNull();
      expect(r.legalBasis, r.slug).toBeNull();
      expect(
        r.relatedServices.every((slug) => loadServiceRecords().some((s) => s.slug === slug)),
        r.slug,
      ).toBe(true);
    }
  });
});
