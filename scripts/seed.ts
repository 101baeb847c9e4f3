import { failStartup, prepareDatabase } from "./lib/bootstrap";

/** `npm run seed`: applies migrations and seeds (demo accounts unless NODE_ENV=production). */
async function main() {
  const { env, embedded } = await prepareDatabase();
  const { db, closeDb } = await import("../app/utils/db.server");
  const { runSeeds, SeedRefused } = await import("../seeds/run");
  try {
    const demo = env.SEED_DEMO ?? env.NODE_ENV !== "production";
    await runSeeds(db, { demo, production: env.NODE_ENV === "production" });
    console.log(`Seeds applied${demo ? " (with demo accounts)" : ""}.`);
  } catch (err) {
    if (err instanceof SeedRefused) console.error(`✖ ${err.message}`);
    else throw err;
    process.exitCode = 1;
  } finally {
    await closeDb();
    await embedded?.stop();
  }
}

main().catch(failStartup);
