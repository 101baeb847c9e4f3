import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker } from "../../../app/modules/notify/worker.server";
import { db } from "../../../app/utils/db.server";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const readyz = async () => {
  const res = await server.get("/readyz");
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("/readyz", () => {
  it("is not ready before a worker has run, and ready once one has", async () => {
    expect(await readyz()).toEqual({ status: 503, body: { status: "not_ready", db: "ok", migrations: "ok", worker: "stale", workerLastSeenSecondsAgo: null } });
    // /healthz stays as it was: the process and the database answer.
    const health = await server.get("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", db: "ok" });

    const worker = startWorker({ intervalMs: 60_000, log: { error: () => {} } });
    await worker.stop();
    expect(await readyz()).toMatchObject({ status: 200, body: { status: "ok", migrations: "ok", worker: "ok" } });
  });

  it("is not ready when the worker has not run for minutes", async () => {
    await db.execute(sql`update worker_heartbeats set beat_at = now() - interval '10 minutes'`);
    expect(await readyz()).toMatchObject({ status: 503, body: { status: "not_ready", worker: "stale", workerLastSeenSecondsAgo: 600 } });
    await db.execute(sql`update worker_heartbeats set beat_at = now()`);
    expect((await readyz()).status).toBe(200);
  });

  it("is not ready when a migration of this build is not applied", async () => {
    await db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    expect(await readyz()).toMatchObject({ status: 503, body: { status: "not_ready", migrations: "pending", worker: "ok" } });
  });
});
