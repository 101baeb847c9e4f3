import { chmodSync, mkdirSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import { loadEnv } from "../app/utils/env.server";
import { failStartup } from "./lib/bootstrap";
import { databaseInUse, execFileAsync, findPgTool, libpqEnv, serverMajor } from "./lib/pg-tools";

/**
 * `npm run backup`: a pg_dump in custom format of the database in use (DATABASE_URL or the
 * embedded one) to BACKUP_DIR/mechelen-YYYYMMDD-HHMMSS.dump (UTC). The file holds personal
 * data: it is readable by its owner only. Restore with `npm run restore -- FILE`.
 */
async function main() {
  const env = loadEnv();
  const { url, embedded } = await databaseInUse(env);
  try {
    const pgDump = await findPgTool(env, "pg_dump", await serverMajor(url));
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
    const dir = path.resolve(env.BACKUP_DIR);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, `mechelen-${stamp}.dump`);
    const partial = `${file}.partial`;
    // Written under another name first: a file with the final name is always a whole dump.
    await execFileAsync(pgDump, ["--format=custom", "--no-owner", "--file", partial], { env: libpqEnv(url), maxBuffer: 16 * 1024 * 1024 });
    chmodSync(partial, 0o600);
    renameSync(partial, file);
    console.log(`Backup written: ${path.relative(process.cwd(), file)} (${Math.ceil(statSync(file).size / 1024)} kB)`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((err) => {
  if (err && typeof err === "object" && "stderr" in err && typeof err.stderr === "string" && err.stderr) {
    console.error(`✖ pg_dump failed: ${err.stderr.trim().split("\n").slice(-1)[0]}`);
    process.exit(1);
  }
  failStartup(err);
});
