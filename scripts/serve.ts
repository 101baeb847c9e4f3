import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { buildPaths } from "../app/server/build-paths";
import { failStartup, onShutdown, prepareDatabase } from "./lib/bootstrap";

/** Starts the portal: configuration, database (embedded when DATABASE_URL is unset), seeds, HTTP, worker. */
async function main() {
  const { env, embedded } = await prepareDatabase();
  const { db, closeDb } = await import("../app/utils/db.server");
  let server: import("node:http").Server | undefined;
  let worker: { stop: () => Promise<void> } | undefined;
  let inbound: { port: number; stop: () => Promise<void> } | undefined;
  // Registered before anything else starts: a signal at any later moment still stops the
  // HTTP server, the worker and the embedded PostgreSQL cleanly, with exit code 0.
  onShutdown(async () => {
    if (server) {
      const s = server;
      await new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeAllConnections?.();
    }
    await inbound?.stop();
    await worker?.stop();
    await closeDb();
    await embedded?.stop();
  });
  const { runSeeds } = await import("../seeds/run");
  const seedDemo = env.SEED_DEMO ?? env.NODE_ENV !== "production";
  await runSeeds(db, { demo: seedDemo, production: env.NODE_ENV === "production" });

  const paths = buildPaths();
  const build = (await import(pathToFileURL(paths.server).href)) as ServerBuild;
  const { createHttpApp } = await import("../app/server/http-app");
  const app = createHttpApp({ build, publicDir: path.resolve("public"), assetsDir: paths.assets, publicUrl: env.PUBLIC_URL, trustProxy: env.TRUST_PROXY, mode: env.NODE_ENV });

  // Loaded before listening, so the portal is fully ready once /healthz answers.
  const { startWorker } = await import("../app/modules/notify/worker.server");
  const { startInboundSmtp } = await import("../app/modules/contacts/mail-inbound.server");

  server = await new Promise<import("node:http").Server>((resolve, reject) => {
    const s = app.listen(env.PORT, env.HOST, () => resolve(s));
    s.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new (class extends Error {})(`Port ${env.PORT} is taken: set PORT to another port.`) : err),
    );
  }).catch(async (err) => {
    await embedded?.stop();
    console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });

  worker = env.RUN_WORKER ? startWorker() : undefined;

  // The e-mail channel (docs/email-channel.md): only when a port is configured.
  inbound = env.INBOUND_SMTP_PORT ? await startInboundSmtp({ port: env.INBOUND_SMTP_PORT, host: env.INBOUND_SMTP_HOST }) : undefined;
  if (inbound) console.log(`Inbound e-mail: SMTP on ${env.INBOUND_SMTP_HOST}:${inbound.port} for ${env.INBOUND_MAIL_ADDRESSES.join(", ")}`);

  console.log(`Digitaal Huis van de Mechelaar: ${env.PUBLIC_URL} (${embedded ? "embedded PostgreSQL" : "PostgreSQL from DATABASE_URL"}${seedDemo ? ", demo data" : ""})`);
}

main().catch(failStartup);
