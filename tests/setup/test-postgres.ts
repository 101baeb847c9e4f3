import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";

/**
 * The PostgreSQL server tests run against: the one in TEST_DATABASE_URL or DATABASE_URL
 * when set (CI's external-server pass), else an embedded one under .data/test-pg.
 */
export async function acquireTestServer(): Promise<{ adminUrl: string; stop: () => Promise<void>; kind: string }> {
  const external = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (external) return { adminUrl: external, stop: async () => {}, kind: `external (${new URL(external).host})` };
  const server = await startEmbeddedPostgres({
    dataDir: process.env.TEST_DATA_DIR ?? ".data/test",
    port: Number(process.env.TEST_PG_PORT ?? 54339),
    database: "postgres",
  });
  return { adminUrl: server.url, stop: server.stop, kind: "embedded" };
}

export function databaseUrl(adminUrl: string, name: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export const uniqueDbName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;

/** A migrated database to clone from: each test file then gets its copy in milliseconds. */
export async function createTemplate(adminUrl: string): Promise<string> {
  const name = uniqueDbName("mech_tmpl");
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  await runMigrations(databaseUrl(adminUrl, name));
  return name;
}

export async function cloneDatabase(adminUrl: string, template: string, prefix = "mech_t"): Promise<string> {
  const name = uniqueDbName(prefix);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // Two clones of one template at the same moment can collide; a short retry settles it.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database "${name}" template "${template}"`);
        break;
      } catch (err) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return name;
}

export async function dropDatabase(adminUrl: string, name: string) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}
