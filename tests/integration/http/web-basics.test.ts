import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../app/utils/db.server";
import { env } from "../../../app/utils/env.server";
import { runSeeds } from "../../../seeds/run";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
// The portal's public address (PUBLIC_URL) names it in these files, whatever address asked.
const base = env().PUBLIC_URL;
const host = new URL(base).hostname;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
});
afterAll(() => server.close());

describe("the web basics", () => {
  it("serves the favicon (SVG and ICO) and the web app manifest, linked from every page", async () => {
    const ico = await server.get("/favicon.ico");
    expect(ico.status).toBe(200);
    const bytes = Buffer.from(await ico.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), one image of 32×32.
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4), bytes[6], bytes[7]]).toEqual([0, 1, 1, 32, 32]);
    const svg = await server.get("/favicon.svg");
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    expect(await svg.text()).toContain("<svg");
    const manifest = await server.get("/manifest.webmanifest");
    expect(manifest.status).toBe(200);
    const json = (await manifest.json()) as { name: string; icons: { src: string }[] };
    expect(json.name).toBe("Digitaal Huis van de Mechelaar");
    for (const icon of json.icons) expect((await server.get(icon.src)).status).toBe(200);

    const home = await (await server.get("/")).text();
    expect(home).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
    expect(home).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
  });

  it("keeps crawlers out of the workplace, kiosks, passes and the dev tools, and points them to the sitemap", async () => {
    const res = await server.get("/robots.txt");
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    for (const p of ["/werk", "/kiosk", "/pas", "/dev", "/mijn"]) expect(text).toContain(`Disallow: ${p}\n`);
    expect(text).toContain("Allow: /api/v1/catalog");
    expect(text).toContain(`Sitemap: ${base}/sitemap.xml`);
  });

  it("lists the public pages and every published article in /sitemap.xml", async () => {
    const res = await server.get("/sitemap.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/xml");
    expect(res.headers.get("cache-control")).toContain("s-maxage=300");
    const xml = await res.text();
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"');
    expect(xml).toContain(`<loc>${base}/</loc>`);
    expect(xml).toContain(`<loc>${base}/mikipedia/huis-van-de-mechelaar</loc>`);
    expect(xml).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}<\/lastmod>/);
    expect(xml).not.toContain(`${base}/werk`);
  });

  it("serves /.well-known/security.txt with a contact and an expiry about a year ahead", async () => {
    const res = await server.get("/.well-known/security.txt");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`Contact: mailto:security@${host}\n`);
    const expires = new Date(/Expires: (\S+)/.exec(text)![1]);
    const days = (expires.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(days).toBeLessThanOrEqual(365);
    expect(text).toContain(`Canonical: ${base}/.well-known/security.txt`);
  });

  it("answers an unknown file with a small 404, not a page, and still serves pages and resource routes", async () => {
    for (const path of ["/wp-login.php", "/apple-touch-icon.png", "/mikipedia/iets.png", "/werk/x.js"]) {
      const res = await server.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("text/plain");
      expect(await res.text(), path).toBe("Not found\n");
    }
    const page = await server.get("/bestaat-niet");
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("<html");
    expect((await server.get("/api/v1/catalog")).status).toBe(200);
    expect((await server.get("/pas/sw.js")).status).toBe(200);
  });
});
