import { and, eq } from "drizzle-orm";
import { teamMembers } from "../db/schema";
import type { Database } from "../app/utils/db.server";
import { ensurePerson, ensureTeam } from "../tests/factories/identity";
import { seedCatalog } from "./catalog";
import { seedDemoCounter } from "./counter";
import { seedDemoHistory } from "../app/modules/insights/demo-history.server";
import { seedBuildings } from "./access";
import { seedKnowledge } from "./knowledge";
import { seedRequestDefinitions } from "./requests";
import { DEMO_RESIDENTS, DEMO_STAFF, DEMO_STAFF_PASSWORD, TEAMS } from "./demo-accounts";

export class SeedRefused extends Error {}

/**
 * The idempotent seed runner: every step inserts what is missing and changes nothing
 * that exists, so running it twice (or on every start) never duplicates data.
 */
export async function runSeeds(db: Database, opts: { demo: boolean; production: boolean; demoHistory?: boolean }) {
  for (const team of TEAMS) await ensureTeam(db, team);
  await seedCatalog(db);
  await seedBuildings(db);
  await seedKnowledge(db);
  await seedRequestDefinitions(db);
  if (!opts.demo) return { demo: false };
  if (opts.production) throw new SeedRefused("Demo accounts are refused when NODE_ENV=production.");
  for (const { leadOf, ...s } of DEMO_STAFF) {
    const person = await ensurePerson(db, { ...s, password: DEMO_STAFF_PASSWORD, isDemo: true });
    for (const slug of leadOf ?? []) {
      const team = await ensureTeam(db, { slug, name: slug });
      await db
        .update(teamMembers)
        .set({ isLead: true })
        .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, person.id)));
    }
  }
  for (const r of DEMO_RESIDENTS) await ensurePerson(db, { ...r, roles: ["resident"], isDemo: true });
  await seedDemoCounter(db);
  // A labelled demo history (90 days of fake figures), so the public figures and the dashboard show data on day one.
  if (opts.demoHistory ?? true) await seedDemoHistory(db);
  return { demo: true };
}
