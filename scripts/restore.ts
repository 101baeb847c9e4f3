import { existsSync } from "node:fs";
import postgres from "postgres";
import { loadEnv } from "../app/utils/env.server";
import { failStartup, StartupError } from "./lib/bootstrap";
import { databaseInUse, execFileAsync, findPgTool, libpqEnv, serverMajor } from "./lib/pg-tools";

/**
 * `npm run restore -- FILE [--force]`: restores a backup of `npm run backup` into the database
 * in use (DATABASE_URL or the embedded one). Stop the portal first. A database that already
 * holds tables is refused unless --force, which drops what the backup contains first.
 */
async function tableCount(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`;
    return row.n;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) throw new StartupError("Which backup? Use: npm run restore -- backups/mechelen-YYYYMMDD-HHMMSS.dump [--force]");
  if (!existsSync(file)) throw new StartupError(`No file ${file}.`);
  const env = loadEnv();
  const { url, embedded } = await databaseInUse(env);
  try {
    const tables = await tableCount(url);
    if (tables > 0 && !force) {
      throw new StartupError(`The database is not empty (${tables} tables): restore into an empty database, or add --force to replace what the backup contains.`);
    }
    const pgRestore = await findPgTool(env, "pg_restore", await serverMajor(url));
    const options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", ...(tables > 0 ? ["--clean", "--if-exists"] : [])];
    const target = libpqEnv(url);
    await execFileAsync(pgRestore, [...options, "--dbname", target.PGDATABASE!, file], { env: target, maxBuffer: 16 * 1024 * 1024 });
    console.log(`Restored ${file} into ${new URL(url).pathname.slice(1)} (${await tableCount(url)} tables).`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  if (err && typeof err === "object" && "stderr" in err && typeof err.stderr === "string" && err.stderr) {
    console.error(`✖ pg_restore failed: ${err.stderr.trim().split("\n").slice(-1)[0]}`);
    process.exit(1);
  }
  failStartup(err);
});
