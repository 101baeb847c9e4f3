import { parseArgs } from "node:util";
import { failStartup, prepareDatabase } from "./lib/bootstrap";

/**
 * `npm run seed:volume -- --residents 100000 --cases 1000000 [--force]`: fills the database
 * with clearly fake volume data in every context (app/modules/insights/volume.server.ts),
 * after the reference seeds, and rebuilds the insights read models.
 * Refuses a database that holds real residents unless --force.
 */
async function main() {
  const { values } = parseArgs({
    options: { residents: { type: "string", default: "1000" }, cases: { type: "string", default: "10000" }, force: { type: "boolean", default: false } },
  });
  const residents = Number(values.residents);
  const cases = Number(values.cases);
  if (!Number.isInteger(residents) || residents < 1 || !Number.isInteger(cases) || cases < 0) {
    console.error("✖ --residents must be a whole number ≥ 1 and --cases a whole number ≥ 0");
    process.exit(2);
  }
  const { env, embedded } = await prepareDatabase();
  const { db, closeDb } = await import("../app/utils/db.server");
  const { runSeeds } = await import("../seeds/run");
  const { seedDemoCounter } = await import("../seeds/counter");
  const { generateVolume, VolumeRefused } = await import("../app/modules/insights/volume.server");
  try {
    await runSeeds(db, { demo: env.NODE_ENV !== "production", production: env.NODE_ENV === "production" });
    // Counter themes are demo data (seeds/counter.ts); volume tickets need them.
    await seedDemoCounter(db);
    console.log(`Volume data: ${residents} residents, ${cases} cases …`);
    await generateVolume(db, { residents, cases, force: values.force, log: (l) => console.log(l) });
  } catch (err) {
    if (err instanceof VolumeRefused) {
      console.error(`✖ ${err.message}`);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await closeDb();
    await embedded?.stop();
  }
}

main().catch(failStartup);
