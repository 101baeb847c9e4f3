import cluster from "node:cluster";
import { startLine } from "./lib/start-line";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { buildPaths } from "../app/server/build-paths";
import { loadEnv, type Env } from "../app/utils/env.server";
import { logger } from "../app/modules/platform/logger.server";
import { failStartup, onShutdown, prepareDatabase } from "./lib/bootstrap";
import { flushLogging, startLogging, startMetrics } from "./lib/observability";

/** The HTTP server of one process: the production build behind Express. */
async function listen(env: Env) {
  const paths = buildPaths();
  const build = (await import(pathToFileURL(paths.server).href)) as ServerBuild;
  // Before serving: a cache cleared by another process meanwhile is then cleared here too.
  const { startCacheBus } = build.entry.module as { startCacheBus?: () => Promise<unknown> };
  if (!startCacheBus) throw new Error("The server build does not export startCacheBus: rebuild with `npm run build`.");
  await startCacheBus();
  const { createHttpApp } = await import("../app/server/http-app");
  const app = createHttpApp({ build, publicDir: path.resolve("public"), assetsDir: paths.assets, publicUrl: env.PUBLIC_URL, trustProxy: env.TRUST_PROXY, mode: env.NODE_ENV });
  return new Promise<import("node:http").Server>((resolve, reject) => {
    const s = app.listen(env.PORT, env.HOST, () => resolve(s));
    s.once("error", (err: NodeJS.ErrnoException) => reject(err.code === "EADDRINUSE" ? new (class extends Error {})(`Port ${env.PORT} is taken: set PORT to another port.`) : err));
  });
}

/**
 * With WEB_CONCURRENCY > 1 the primary prepares the database, runs the mail worker and inbound
 * SMTP, and forks that many processes which only serve HTTP on the shared port (node:cluster).
 */
async function httpProcess() {
  const env = loadEnv();
  await startLogging(env);
  const { closeDb } = await import("../app/utils/db.server");
  let server: import("node:http").Server | undefined;
  onShutdown(async () => {
    if (server) {
      const s = server;
      await new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeAllConnections?.();
    }
    await closeDb();
    await flushLogging();
  });
  // The primary stops us with disconnect() when it shuts down.
  process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
  server = await listen(env);
}

function forkHttpProcesses(count: number) {
  let stopping = false;
  let ready = 0;
  return new Promise<{ stop: () => Promise<void> }>((resolve, reject) => {
    // A process that dies while serving is replaced; one that cannot start (port taken, no
    // build) would fail again, so then the portal stops with the reason it printed.
    const fork = () =>
      cluster.fork().on("exit", (code, signal) => {
        if (stopping) return;
        if (ready < count) {
          stopping = true;
          cluster.disconnect();
          return reject(new Error(`An HTTP process could not start (exit ${signal ?? code}); see the message above.`));
        }
        logger().error(`HTTP process exited (${signal ?? code}); starting another.`);
        fork();
      });
    for (let i = 0; i < count; i++) fork();
    cluster.on("listening", () => {
      if (++ready === count)
        resolve({
          stop: () => {
            stopping = true;
            return new Promise<void>((done) => cluster.disconnect(() => done()));
          },
        });
    });
  });
}

/** Starts the portal: configuration, database (embedded when DATABASE_URL is unset), seeds, HTTP, worker. */
async function main() {
  if (cluster.isWorker) return httpProcess();
  const { env, embedded } = await prepareDatabase();
  const log = await startLogging(env);
  const { db, closeDb } = await import("../app/utils/db.server");
  let server: import("node:http").Server | undefined;
  let httpProcesses: { stop: () => Promise<void> } | undefined;
  let worker: { stop: () => Promise<void> } | undefined;
  let inbound: { port: number; stop: () => Promise<void> } | undefined;
  let metrics: { stop: () => Promise<void> } | undefined;
  // Registered before anything else starts: a signal at any later moment still stops the
  // HTTP server, the worker and the embedded PostgreSQL cleanly, with exit code 0.
  onShutdown(async () => {
    await httpProcesses?.stop();
    if (server) {
      const s = server;
      await new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeAllConnections?.();
    }
    await metrics?.stop();
    await inbound?.stop();
    await worker?.stop();
    await closeDb();
    await embedded?.stop();
    await flushLogging();
  });
  const { runSeeds } = await import("../seeds/run");
  const seedDemo = env.SEED_DEMO ?? env.NODE_ENV !== "production";
  await runSeeds(db, { demo: seedDemo, production: env.NODE_ENV === "production" });

  // Loaded before listening, so the portal is fully ready once /healthz answers.
  const { startWorker } = await import("../app/modules/notify/worker.server");
  const { startInboundSmtp } = await import("../app/modules/contacts/mail-inbound.server");

  try {
    if (env.WEB_CONCURRENCY > 1) httpProcesses = await forkHttpProcesses(env.WEB_CONCURRENCY);
    else server = await listen(env);
    // The local itsme/eID stand-in with fake identities (development, and the e2e run; docs/decisions/018-identity-oidc.md).
    const { devOidcProviderPort, DEV_OIDC_CLIENT } = await import("../app/utils/env.server");
    if (devOidcProviderPort() > 0) {
      const { startDevOidcProvider } = await import("./lib/dev-oidc-provider");
      const idp = await startDevOidcProvider({
        port: devOidcProviderPort(),
        portalUrl: env.PUBLIC_URL,
        clientId: DEV_OIDC_CLIENT.id,
        clientSecret: DEV_OIDC_CLIENT.secret,
        production: env.NODE_ENV === "production",
      });
      logger().info({ issuer: idp.issuer }, "development identity provider (fake identities) started");
    }
  } catch (err) {
    await embedded?.stop();
    console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }

  worker = env.RUN_WORKER ? startWorker() : undefined;
  metrics = await startMetrics(env);

  // The e-mail channel (docs/email-channel.md): only when a port is configured.
  inbound = env.INBOUND_SMTP_PORT ? await startInboundSmtp({ port: env.INBOUND_SMTP_PORT, host: env.INBOUND_SMTP_HOST }) : undefined;
  if (inbound) log.info(`Inbound e-mail: SMTP on ${env.INBOUND_SMTP_HOST}:${inbound.port} for ${env.INBOUND_MAIL_ADDRESSES.join(", ")}`);

  log.info(startLine({ mode: env.NODE_ENV, url: env.PUBLIC_URL, embedded: Boolean(embedded), demo: seedDemo, httpProcesses: httpProcesses ? env.WEB_CONCURRENCY : undefined }));
}

main().catch(failStartup);
