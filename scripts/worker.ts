import { failStartup, onShutdown, prepareDatabase } from "./lib/bootstrap";
import { flushLogging, startLogging } from "./lib/observability";

/** The outbox worker alone, for when several web processes run with RUN_WORKER=false. */
async function main() {
  const { env, embedded } = await prepareDatabase();
  const log = await startLogging(env);
  const { startWorker } = await import("../app/modules/notify/worker.server");
  const { closeDb } = await import("../app/utils/db.server");
  const worker = startWorker();
  log.info("Worker running.");
  onShutdown(async () => {
    await worker.stop();
    await closeDb();
    await embedded?.stop();
    await flushLogging();
  });
}

main().catch(failStartup);
