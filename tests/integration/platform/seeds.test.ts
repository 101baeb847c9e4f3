import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { teamMembers, teams, users } from "../../../db/schema";
import { loginStaff } from "../../../app/modules/identity/auth.server";
import { db } from "../../../app/utils/db.server";
import { DEMO_RESIDENTS, DEMO_STAFF, DEMO_STAFF_PASSWORD } from "../../../seeds/demo-accounts";
import { runSeeds, SeedRefused } from "../../../seeds/run";
import { DEMO_HISTORY, hasDemoData } from "../../../app/modules/insights/demo-history.server";
import { loadPublicFigures } from "../../../app/modules/insights/public.server";
import { publicPeriod } from "../../../app/modules/insights/period";
import { DEMO_DATA_NOTE, openDataCatalog, openDataFile } from "../../../app/modules/insights/opendata.server";

const count = async (table: typeof users | typeof teams | typeof teamMembers) => (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;

describe("seeds", () => {
  it("are idempotent: a second run adds nothing", async () => {
    // The demo history's own idempotence is the next test's.
    await runSeeds(db, { demo: true, production: false, demoHistory: false });
    const first = [await count(users), await count(teams), await count(teamMembers)];
    await runSeeds(db, { demo: true, production: false, demoHistory: false });
    expect([await count(users), await count(teams), await count(teamMembers)]).toEqual(first);
    expect(first[0]).toBe(DEMO_STAFF.length + DEMO_RESIDENTS.length);
    // No demo history: the open data says nothing about demo data.
    expect((await openDataFile("doorlooptijden")).demoData).toBe(false);
    expect(JSON.stringify(await openDataCatalog("http://portal.test"))).not.toContain(DEMO_DATA_NOTE.nl);
  });

  it("add a labelled demo history once, with data for the public figures and no open case in any queue", async () => {
    await runSeeds(db, { demo: true, production: false });
    const n = async (q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { n: number }[])[0].n;
    const closed = await n(sql`select count(*)::int n from cases where reference like 'VOL-%'`);
    expect(closed).toBeGreaterThan(0);
    expect(await n(sql`select count(*)::int n from cases where reference like 'VOL-%' and closed_at is null`)).toBe(0);
    expect(await hasDemoData(db)).toBe(true);
    // Its clearly fake residents and one volume staff member.
    expect(await n(sql`select count(*)::int n from users where is_demo and name like 'Volume %'`)).toBe(DEMO_HISTORY.residents + 1);
    const figures = await loadPublicFigures(publicPeriod());
    expect(figures.demoData).toBe(true);
    // The open data files and their catalogue say the figures include demo data.
    expect((await openDataFile("doorlooptijden")).demoData).toBe(true);
    const catalog = JSON.stringify(await openDataCatalog("http://portal.test"));
    expect(catalog).toContain(DEMO_DATA_NOTE.nl);
    expect(catalog).toContain(DEMO_DATA_NOTE.en);
    expect([figures.lead.rows.length > 0, figures.wait.rows.length > 0, figures.satisfaction.rows.length > 0]).toEqual([true, true, true]);
    await runSeeds(db, { demo: true, production: false });
    expect(await n(sql`select count(*)::int n from cases where reference like 'VOL-%'`)).toBe(closed);
  });

  it("give one demo staff member per role, in two or more teams, who can log in", async () => {
    await runSeeds(db, { demo: true, production: false });
    const roles = new Set(DEMO_STAFF.flatMap((s) => s.roles));
    expect([...roles].sort()).toEqual(["admin", "backoffice", "editor", "frontoffice", "host"]);
    expect(new Set(DEMO_STAFF.flatMap((s) => s.teamSlugs)).size).toBeGreaterThanOrEqual(2);
    for (const s of DEMO_STAFF) await expect(loginStaff(s.email, DEMO_STAFF_PASSWORD, `10.5.0.${s.email.length}`)).resolves.toHaveProperty("id");
  });

  it("give every team that receives cases an active back-office member and a lead", async () => {
    await runSeeds(db, { demo: true, production: false });
    const rows = await db.execute<{ slug: string; members: number; leads: number }>(sql`
      select t.slug,
        count(u.id) filter (where 'backoffice' = any(u.roles))::int as members,
        count(u.id) filter (where m.is_lead)::int as leads
      from teams t
      left join team_members m on m.team_id = t.id
      left join users u on u.id = m.user_id and u.active
      where t.id in (select competent_team_id from services where competent_team_id is not null)
      group by t.slug order by t.slug`);
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const r of rows) expect({ slug: r.slug, hasMember: r.members > 0, hasLead: r.leads > 0 }).toEqual({ slug: r.slug, hasMember: true, hasLead: true });
  });

  it("refuse demo accounts in production", async () => {
    await expect(runSeeds(db, { demo: true, production: true })).rejects.toBeInstanceOf(SeedRefused);
  });
});
