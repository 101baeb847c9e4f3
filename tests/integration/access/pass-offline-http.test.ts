import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("the pass page's service worker", () => {
  it("is served as JavaScript under /pas/, always revalidated, and keeps only pass pages and assets", async () => {
    const res = await server.get("/pas/sw.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("Cache-Control")).toBe("no-cache");
    const js = await res.text();
    expect(js).toContain('const CACHE = "mechelaar-pas-v1"');
    // Network first for the pass page, the cached copy only when the network fails.
    expect(js).toMatch(/fetch\(request\)[\s\S]*\.catch\(\(\) => caches\.match/);
    expect(() => new Function(js)).not.toThrow();
  });
});
