import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../setup/http-server";

// Point the portal at a server that does not answer.
process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/nothing";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("health when the database is down", () => {
  it("answers 503 with db: down", async () => {
    const res = await server.get("/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "degraded", db: "down" });
  });
});
