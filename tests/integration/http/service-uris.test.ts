import jsonld from "jsonld";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
});
afterAll(() => server.close());

const LD = { Accept: "application/ld+json" };
const HTML = { Accept: "text/html,application/xhtml+xml" };

describe("the catalogue's service URIs resolve", () => {
  it("sends a person to the page about the service and gives a machine the JSON-LD", async () => {
    const page = await server.get("/id/dienst/bewonerskaart-parkeren", HTML);
    expect(page.status).toBe(303);
    expect(page.headers.get("Location")).toBe("/mikipedia/bewonerskaart-parkeren");
    expect(page.headers.get("Vary")).toContain("Accept");

    const res = await server.get("/id/dienst/bewonerskaart-parkeren", LD);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/ld+json");
    const expanded = await jsonld.expand(await res.json(), { safe: true } as jsonld.Options.Expand);
    const node = expanded.find((n) => String(n["@id"]).endsWith("/id/dienst/bewonerskaart-parkeren"))!;
    expect(node["@type"]).toContain("http://purl.org/vocab/cpsv#PublicService");
    expect(node["http://purl.org/dc/terms/identifier"]).toEqual([{ "@value": "bewonerskaart-parkeren" }]);
  });

  it("resolves every URI the catalogue publishes, channel URIs included, and 404s an unknown one", async () => {
    const catalog = await (await server.get("/api/v1/catalog")).json();
    const services = catalog["@graph"].filter((n: { "@type": string[] }) => n["@type"].includes("cpsv:PublicService"));
    expect(services.length).toBeGreaterThan(0);
    for (const s of services as { "@id": string; "cv:hasChannel": { "@id": string }[] }[]) {
      const path = new URL(s["@id"]).pathname;
      const res = await server.get(path, HTML);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("Location")).toMatch(/^\/(mikipedia|aanvragen)\//);
      for (const c of s["cv:hasChannel"]) expect((await server.get(new URL(c["@id"]).pathname, LD)).status).toBe(200);
    }
    expect((await server.get("/id/dienst/bestaat-niet", HTML)).status).toBe(404);
    const missing = await server.get("/id/dienst/bestaat-niet", LD);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not_found" });
  });
});
