import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../db/schema";
import { env } from "./env.server";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

let client: postgres.Sql | undefined;
let database: Database | undefined;

function connect(): Database {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the portal through scripts/serve.ts");
  client = postgres(url, {
    max: env().DB_POOL_SIZE,
    onnotice: () => {},
    connection: { application_name: "mechelaar-portal" },
  });
  database = drizzle(client, { schema });
  return database;
}

/** The shared pool; created on first use so scripts and tests can set DATABASE_URL first. */
export const db: Database = new Proxy({} as Database, {
  get(_target, prop, receiver) {
    const real = database ?? connect();
    const value = Reflect.get(real, prop, receiver);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

/** The postgres.js client under the shared pool, for what drizzle does not offer (LISTEN/NOTIFY). */
export function pgClient(): postgres.Sql {
  if (!client) connect();
  return client!;
}

export async function closeDb() {
  await client?.end({ timeout: 5 });
  client = undefined;
  database = undefined;
}

export async function pingDb(): Promise<boolean> {
  try {
    await pgClient()`select 1`;
    return true;
  } catch {
    return false;
  }
}
