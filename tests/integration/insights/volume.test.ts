import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { generateVolume, VolumeRefused } from "../../../app/modules/insights/volume.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { seedDemoCounter } from "../../../seeds/counter";
import { ensureResident } from "../../factories/identity";

const count = async (q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { n: number }[])[0].n;

beforeAll(async () => {
  // Demo accounts are demo rows: they never count as real residents.
  // Without the demo history: this test counts the volume rows it makes itself.
  await runSeeds(db, { demo: true, production: false, demoHistory: false });
  await seedDemoCounter(db);
});

describe("seed:volume", () => {
  it("fills every context with marked fake data and builds the read models", async () => {
    await generateVolume(db, { residents: 50, cases: 400, days: 90 });
    expect(await count(sql`select count(*)::int n from users where name like 'Volume bewoner %' and is_demo`)).toBe(50);
    expect(await count(sql`select count(*)::int n from cases where reference like 'VOL-%'`)).toBe(400);
    expect(await count(sql`select count(distinct channel)::int n from cases`)).toBe(4);
    expect(await count(sql`select count(*)::int n from cases where closed_at is not null and result is not null`)).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int n from case_events e join cases c on c.id = e.case_id where c.reference like 'VOL-%' and e.type = 'submitted'`)).toBe(400);
    expect(await count(sql`select count(*)::int n from contact_moments where subject = 'Volumetest'`)).toBe(240);
    for (const table of ["tickets", "appointments", "access_scans", "knowledge_search_log", "knowledge_feedback"]) {
      expect(await count(sql`select count(*)::int n from ${sql.raw(table)}`), table).toBeGreaterThan(0);
    }
    // Read models are ready for the dashboard.
    expect(await count(sql`select count(*)::int n from insights_case_facts`)).toBe(400);
    expect(await count(sql`select count(*)::int n from insights_counter_hourly`)).toBeGreaterThan(0);
    // The indexes dropped for the bulk load are back.
    expect(await count(sql`select count(*)::int n from pg_indexes where tablename = 'cases' and indexname = 'cases_resident_idx'`)).toBe(1);
  });

  it("refuses a database that holds a real resident, unless forced", async () => {
    await ensureResident(db, { email: "echte.bewoner@example.com", isDemo: false });
    await expect(generateVolume(db, { residents: 10, cases: 10, days: 30 })).rejects.toBeInstanceOf(VolumeRefused);
    expect(await count(sql`select count(*)::int n from cases`)).toBe(400);
    await generateVolume(db, { residents: 10, cases: 10, days: 30, force: true });
    expect(await count(sql`select count(*)::int n from cases`)).toBe(410);
  });
});
