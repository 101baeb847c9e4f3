import { failStartup, onShutdown, prepareDatabase } from "./lib/bootstrap";

/** The outbox worker alone, for when several web processes run with RUN_WORKER=false. */
async function main() {
  const { embedded } = await prepareDatabase();
  const { startWorker } = await import("../app/modules/notify/worker.server");
  const { closeDb } = await import("../app/utils/db.server");
  const worker = startWorker();
  console.log("Worker running.");
  onShutdown(async () => {
    await worker.stop();
    await closeDb();
    await embedded?.stop();
  });
}

main().catch(failStartup);
