import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("the shared page cache for anonymous visitors", () => {
  it("serves a public page again from the cache, per language", async () => {
    const first = await server.get("/toegankelijkheid", { "Accept-Language": "en" });
    expect(first.headers.get("X-Page-Cache")).toBeNull();
    expect(first.headers.get("Cache-Control")).toContain("s-maxage=60");
    const second = await server.get("/toegankelijkheid", { "Accept-Language": "en" });
    expect(second.headers.get("X-Page-Cache")).toBe("hit");
    // The same page, with this response's own CSP nonce (security-headers.ts).
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce=""');
    expect(withoutNonce(await second.text())).toBe(withoutNonce(await first.text()));

    const french = await server.get("/toegankelijkheid", { "Accept-Language": "fr" });
    expect(french.headers.get("X-Page-Cache")).toBeNull();
    expect(await french.text()).toContain('<html lang="fr"');
    const chosen = await server.get("/toegankelijkheid", { "Accept-Language": "en", Cookie: "lng=%22nl%22" });
    expect(chosen.headers.get("X-Page-Cache")).toBeNull();
  });

  it("never caches for a visitor with a session, nor pages that do not allow it", async () => {
    await server.get("/privacy");
    const withSession = await server.get("/privacy", { Cookie: "__mechelaar_session=abc" });
    expect(withSession.headers.get("X-Page-Cache")).toBeNull();
    await server.get("/aanmelden");
    expect((await server.get("/aanmelden")).headers.get("X-Page-Cache")).toBeNull();
    await server.get("/healthz");
    expect((await server.get("/healthz")).headers.get("X-Page-Cache")).toBeNull();
  });
});
