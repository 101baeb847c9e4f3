import { afterAll, inject } from "vitest";
import { cloneDatabase, databaseUrl, dropDatabase } from "./test-postgres";

// Every test file gets its own database, cloned from the migrated template.
const adminUrl = inject("pgAdminUrl");
const dbName = await cloneDatabase(adminUrl, inject("pgTemplate"));
process.env.DATABASE_URL = databaseUrl(adminUrl, dbName);
process.env.NODE_ENV ??= "test";
process.env.DATA_DIR ??= ".data/test";
process.env.DB_POOL_SIZE ??= "5";

afterAll(async () => {
  const { closeDb } = await import("../../app/utils/db.server");
  await closeDb();
  await dropDatabase(adminUrl, dbName);
});
