import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../setup/http-server";

/** Issue 12 item 7: helmet headers, a CSP nonce per response, camera only on kiosk pages. */
let server: Awaited<ReturnType<typeof startTestServer>>;
let devServer: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ mode: "production" });
  devServer = await startTestServer({ mode: "development" });
});
afterAll(async () => {
  await server.close();
  await devServer.close();
});

function directives(res: Response) {
  const csp = res.headers.get("content-security-policy") ?? "";
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map(([name, ...values]) => [name, values]),
  );
}
const scriptNonces = (html: string) => [...html.matchAll(/<script\b[^>]*>/g)].map((m) => /\snonce="([^"]+)"/.exec(m[0])?.[1]);

describe("security headers", () => {
  it("sends a Content-Security-Policy limited to the portal, with a nonce for every inline script", async () => {
    const res = await server.get("/mikipedia");
    expect(res.status).toBe(200);
    const d = directives(res);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("style-src")).toEqual(["'self'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("worker-src")).toEqual(["'self'"]);
    const script = d.get("script-src")!;
    expect(script).toHaveLength(2);
    expect(script[0]).toBe("'self'");
    const nonce = /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(script[1])![1];
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'wasm-unsafe-eval'");
    const html = await res.text();
    const nonces = scriptNonces(html);
    expect(nonces.length).toBeGreaterThan(0);
    for (const n of nonces) expect(n).toBe(nonce);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it("uses a different nonce for every response, also for a page served from the page cache", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await server.get("/");
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1];
      expect(seen.has(nonce)).toBe(false);
      seen.add(nonce);
      for (const n of scriptNonces(await res.text())) expect(n).toBe(nonce);
    }
  });

  it("allows the camera and WebAssembly only on kiosk pages", async () => {
    const page = await server.get("/");
    expect(page.headers.get("permissions-policy")).toMatch(/(^|, )camera=\(\)/);
    expect(page.headers.get("permissions-policy")).toMatch(/geolocation=\(\)/);
    expect(page.headers.get("permissions-policy")).toMatch(/microphone=\(\)/);
    const kiosk = await server.get("/kiosk");
    expect(kiosk.headers.get("permissions-policy")).toMatch(/(^|, )camera=\(self\)/);
    expect(kiosk.headers.get("permissions-policy")).toMatch(/microphone=\(\)/);
    expect(directives(kiosk).get("script-src")).toContain("'wasm-unsafe-eval'");
    expect((await server.get("/kioskx")).headers.get("permissions-policy")).toMatch(/(^|, )camera=\(\)/);
  });

  it("sends HSTS for a year with subdomains in production only, and COOP, nosniff, frame and referrer rules always", async () => {
    const prod = await server.get("/");
    const hsts = prod.headers.get("strict-transport-security")!;
    expect(Number(/max-age=(\d+)/.exec(hsts)![1])).toBeGreaterThanOrEqual(31_536_000);
    expect(hsts).toMatch(/includeSubDomains/);
    const dev = await devServer.get("/");
    expect(dev.headers.get("strict-transport-security")).toBeNull();
    for (const res of [prod, dev, await server.get("/api/v1/knowledge/search?q=paspoort"), await server.get("/healthz")]) {
      expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-powered-by")).toBeNull();
    }
  });
});
