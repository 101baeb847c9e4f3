import jsonld from "jsonld";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knowledgeArticles } from "../../../db/schema";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
});
afterAll(() => server.close());

describe("GET /api/v1/knowledge/search", () => {
  it("returns the query, ranked results and no suggestion for a good query", async () => {
    const res = await server.get("/api/v1/knowledge/search?q=uitpas&lang=nl&limit=3");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["didYouMean", "help", "query", "results"]);
    expect(body.help).toBeNull();
    expect(body.query).toBe("uitpas");
    expect(body.didYouMean).toBeNull();
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(3);
    for (const r of body.results) {
      expect(Object.keys(r).sort()).toEqual(["onlyInDutch", "score", "slug", "summary", "title", "url"]);
      expect(typeof r.score).toBe("number");
      expect(r.url).toMatch(new RegExp(`^https?://[^/]+/mikipedia/${r.slug}$`));
    }
    expect(body.results[0].slug).toBe("uitpas");
  });

  it("suggests a spelling for a typo and answers in English", async () => {
    const typo = await (await server.get("/api/v1/knowledge/search?q=burenbemidelling")).json();
    expect(typo.didYouMean).toBe("burenbemiddeling");
    expect(typo.results[0].slug).toBe("burenbemiddeling");
    const en = await (await server.get("/api/v1/knowledge/search?q=library&lang=en")).json();
    expect(en.results[0].url).toMatch(/\/mikipedia\/bibliotheek\?lng=en$/);
  });
});

describe("GET /api/v1/knowledge/search without an answer", () => {
  it("returns no results and the ways to a person, in the asked language", async () => {
    const nl = await (await server.get("/api/v1/knowledge/search?q=paspoort&lang=nl")).json();
    expect(nl.results).toEqual([]);
    expect(nl.help.title).toBe("Hier hebben we nog geen antwoord op");
    expect(nl.help.ways.map((w: { kind: string }) => w.kind)).toEqual(["question", "appointment", "counter"]);
    expect(nl.help.ways[0].url).toMatch(/^https?:\/\/[^/]+\/aanvragen\/vraag-aan-de-stad$/);
    expect(nl.help.ways[1].url).toMatch(/\/afspraak$/);
    const fr = await (await server.get("/api/v1/knowledge/search?q=passeport%20perdu&lang=fr")).json();
    expect(fr.results).toEqual([]);
    expect(fr.help.title).toBe("Nous n’avons pas encore de réponse à cette question");
    expect(fr.help.ways[1].url).toMatch(/\/afspraak\?lng=fr$/);
  });

  it("finds a Dutch-only answer from English, marked onlyInDutch", async () => {
    // Every seeded article is translated: take one translation offline, as an editor's new Dutch article would be.
    await db
      .update(knowledgeArticles)
      .set({ status: "draft" })
      .where(and(eq(knowledgeArticles.slug, "beiaardschool"), inArray(knowledgeArticles.language, ["en", "fr"])));
    const en = await (await server.get("/api/v1/knowledge/search?q=learn%20to%20play%20the%20carillon&lang=en")).json();
    expect(en.help).toBeNull();
    expect(en.results[0]).toMatchObject({ slug: "beiaardschool", onlyInDutch: true });
  });
});

describe("GET /api/v1/knowledge/articles/:slug", () => {
  it("returns one article with its source, related articles and service", async () => {
    const res = await server.get("/api/v1/knowledge/articles/bewonerskaart-parkeren?lang=nl");
    expect(res.status).toBe(200);
    const a = await res.json();
    expect(a).toMatchObject({ slug: "bewonerskaart-parkeren", language: "nl", textLanguage: "nl", translated: true, title: "Hoe krijg ik een bewonerskaart om te parkeren?" });
    expect(a.source).toEqual({ theme: "Thema 5: Werk integraal", section: "4. Mobiliteit" });
    expect(a.body).toContain("## Wat heeft u nodig?");
    expect(a.related.map((r: { slug: string }) => r.slug)).toContain("fietsenstalling-buurt");
    expect(a.service.slug).toBe("bewonerskaart-parkeren");
  });

  it("gives the Dutch text, marked as such, when a translation is missing; 404 for an unknown slug", async () => {
    // Every seeded article is translated: take one translation offline, as an editor's new Dutch article would be.
    await db
      .update(knowledgeArticles)
      .set({ status: "draft" })
      .where(and(eq(knowledgeArticles.slug, "beiaardschool"), inArray(knowledgeArticles.language, ["en", "fr"])));
    const a = await (await server.get("/api/v1/knowledge/articles/beiaardschool?lang=fr")).json();
    expect(a).toMatchObject({ language: "fr", textLanguage: "nl", translated: false });
    expect(a.title.length).toBeGreaterThan(0);
    const page = await (await server.get("/mikipedia/beiaardschool?lng=en")).text();
    expect(page).toContain("This answer has not been translated yet. Below is the Dutch text.");
    const fr = await (await server.get("/api/v1/knowledge/articles/uitpas?lang=fr")).json();
    expect(fr).toMatchObject({ textLanguage: "fr", translated: true });
    const missing = await server.get("/api/v1/knowledge/articles/bestaat-niet");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not_found" });
  });
});

describe("GET /api/v1/catalog", () => {
  it("is valid JSON-LD in the CPSV-AP vocabulary, every service with a stable URI", async () => {
    const res = await server.get("/api/v1/catalog");
    expect(res.headers.get("content-type")).toContain("application/ld+json");
    const doc = await res.json();
    // safe mode fails on any term or value the context cannot map to an IRI.
    const expanded = await jsonld.expand(doc, { safe: true } as jsonld.Options.Expand);
    const services = expanded.filter((n) => (n["@type"] as string[]).includes("http://purl.org/vocab/cpsv#PublicService"));
    expect(services).toHaveLength(36);
    for (const s of services) {
      expect(s["@type"]).toContain("https://schema.org/GovernmentService");
      expect(s["@id"]).toMatch(/\/id\/dienst\/[a-z0-9-]+$/);
      // The Dutch name, with the catalogue's English and French names (issue 16 item 4).
      const titles = s["http://purl.org/dc/terms/title"] as { "@value": string; "@language": string }[];
      expect(titles.map((t) => t["@language"]).sort()).toEqual(["en", "fr", "nl"]);
      expect(titles.every((t) => t["@value"].length > 0)).toBe(true);
      expect(s["http://data.europa.eu/m8g/hasCompetentAuthority"]).toEqual([{ "@id": expect.stringMatching(/\/id\/organisatie\/stad-mechelen$/) }]);
    }
    // Unknown facts stay unknown: no service states a cost it does not have.
    expect(services.filter((s) => s["http://data.europa.eu/m8g/hasCost"])).toEqual([]);
    const again = await (await server.get("/api/v1/catalog")).json();
    expect(again["@graph"].map((n: { "@id": string }) => n["@id"])).toEqual(doc["@graph"].map((n: { "@id": string }) => n["@id"]));
  });
});
