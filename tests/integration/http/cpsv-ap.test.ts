import { eq } from "drizzle-orm";
import { DataFactory } from "n3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../../../db/schema";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { startTestServer } from "../../setup/http-server";
import { graphFromJsonLd, graphFromTurtle, instancesOf, iri, valuesOf, violations, type PropertyRule } from "../../setup/rdf-graph";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
  BASE = new URL((await (await server.get("/api/v1/catalog")).json())["@graph"][0]["@id"]).origin;
});
afterAll(() => server.close());

const LD = { Accept: "application/ld+json" };
const TTL = { Accept: "text/turtle" };
const HTML = { Accept: "text/html,application/xhtml+xml" };
/** The portal's PUBLIC_URL, as the catalogue spells its URIs. */
let BASE = "";

// The property tables of CPSV-AP 3.2.0 (and its SHACL shapes): mandatory properties with their
// cardinality, and the range of every mandatory and recommended property the catalogue uses.
const id1: PropertyRule = { path: "dct:identifier", min: 1, max: 1 };
const PROFILE: Record<string, PropertyRule[]> = {
  "cpsv:PublicService": [
    id1,
    { path: "dct:title", min: 1, range: "langString" },
    { path: "dct:description", min: 1, range: "langString" },
    { path: "cv:hasCompetentAuthority", min: 1, range: "cv:PublicOrganisation" },
    { path: "cv:thematicArea", min: 1, range: "skos:Concept" },
    { path: "dct:audience", min: 1, range: "skos:Concept" },
    // Recommended, not mandatory: three seeded services have no known channel yet, and say so.
    { path: "cv:hasChannel", range: "cv:Channel" },
    { path: "dct:language", min: 1, range: "dct:LinguisticSystem", vocabulary: "http://publications.europa.eu/resource/authority/language/" },
    { path: "dct:spatial", min: 1, range: "dct:Location" },
    { path: "cpsv:hasInput", range: "cv:Evidence" },
    { path: "cpsv:produces", range: "cv:Output" },
    { path: "cv:holdsRequirement", range: "cv:Requirement" },
    { path: "cv:hasCost", range: "cv:Cost" },
    { path: "cv:contactPoint", range: "cv:ContactPoint" },
    { path: "cv:hasLegalResource", range: "eli:LegalResource" },
    { path: "cv:processingTime", max: 1, range: "xsd:duration" },
    { path: "dcat:keyword", range: "langString" },
    { path: "cv:relatedService", range: "cpsv:PublicService" },
  ],
  "cv:Channel": [
    id1,
    { path: "dct:type", min: 1, max: 1, range: "skos:Concept" },
    { path: "dct:description", range: "langString" },
    { path: "cv:ownedBy", range: "org:Organization" },
  ],
  "cv:Evidence": [id1, { path: "dct:title", min: 1, range: "langString" }, { path: "dct:description", range: "langString" }],
  "cv:Output": [id1, { path: "dct:title", min: 1, range: "langString" }, { path: "dct:description", range: "langString" }],
  "cv:Requirement": [id1, { path: "dct:title", min: 1, range: "langString" }, { path: "dct:description", range: "langString" }],
  "cv:Cost": [id1, { path: "dct:description", range: "langString" }, { path: "cv:isDefinedBy", range: "org:Organization" }],
  "cv:PublicOrganisation": [
    { path: "skos:prefLabel", min: 1, range: "langString" },
    { path: "dct:spatial", min: 1, range: "iri" },
  ],
  "skos:Concept": [
    { path: "skos:prefLabel", min: 3, range: "langString" },
    { path: "skos:inScheme", min: 1, max: 1, range: "skos:ConceptScheme" },
  ],
};

const languagesOf = (g: Awaited<ReturnType<typeof graphFromJsonLd>>, s: string, p: string) =>
  valuesOf(g, DataFactory.namedNode(s), p)
    .map((v) => (v as { language: string }).language)
    .sort();

describe("the service catalogue conforms to CPSV-AP 3.2.0", () => {
  it("meets every mandatory property, cardinality and range of the specification's tables", async () => {
    const res = await server.get("/api/v1/catalog");
    expect(res.headers.get("content-type")).toContain("application/ld+json");
    const g = await graphFromJsonLd(await res.json());
    for (const [cls, rules] of Object.entries(PROFILE)) expect(violations(g, cls, rules), cls).toEqual([]);
    expect(instancesOf(g, "cpsv:PublicService").length).toBeGreaterThan(10);
    for (const cls of ["cv:Channel", "cv:Evidence", "cv:Output", "cv:Requirement", "cv:PublicOrganisation", "skos:Concept"])
      expect(instancesOf(g, cls).length, cls).toBeGreaterThan(0);
    // The city covers the municipality Mechelen in the Flemish base registry.
    expect(valuesOf(g, DataFactory.namedNode(`${BASE}/id/organisatie/stad-mechelen`), "dct:spatial").map((v) => v.value)).toEqual(["https://data.vlaanderen.be/id/gemeente/12025"]);
  });

  it("labels concepts and services in nl, en and fr, and never tags Dutch text as English or French", async () => {
    const g = await graphFromJsonLd(await (await server.get("/api/v1/catalog")).json());
    for (const c of instancesOf(g, "skos:Concept")) expect(languagesOf(g, c.value, "skos:prefLabel"), c.value).toEqual(["en", "fr", "nl"]);
    const mobility = valuesOf(g, DataFactory.namedNode(`${BASE}/id/concept/thema/mobiliteit`), "skos:prefLabel")
      .map((v) => `${v.value}@${(v as { language: string }).language}`)
      .sort();
    expect(mobility).toEqual(["Mobiliteit en parkeren@nl", "Mobility and parking@en", "Mobilité et stationnement@fr"]);

    const [service] = await db.select().from(services).where(eq(services.slug, "bewonerskaart-parkeren"));
    const uri = DataFactory.namedNode(`${BASE}/id/dienst/bewonerskaart-parkeren`);
    const tagged = (p: string) => valuesOf(g, uri, p).map((v) => `${v.value}@${(v as { language: string }).language}`);
    // Names and descriptions in nl, en and fr: the catalogue's own translations, each tagged with its language.
    const { en, fr } = service.translations;
    expect(tagged("dct:title").sort()).toEqual([`${service.title}@nl`, `${en!.title}@en`, `${fr!.title}@fr`].sort());
    expect(tagged("dct:description").sort()).toEqual([`${service.description}@nl`, `${en!.description}@en`, `${fr!.description}@fr`].sort());
    for (const p of ["dct:title", "dct:description"])
      for (const v of tagged(p)) expect(v.endsWith(`${service.description}@en`) || v.endsWith(`${service.description}@fr`) || v.endsWith(`${service.title}@en`)).toBe(false);
    // The result and the channels too.
    const result = DataFactory.namedNode(`${BASE}/id/dienst/bewonerskaart-parkeren/resultaat`);
    expect(languagesOf(g, result.value, "dct:description")).toEqual(["en", "fr", "nl"]);
    expect(languagesOf(g, `${BASE}/id/dienst/bewonerskaart-parkeren/kanaal/counter`, "dct:description")).toEqual(["en", "fr", "nl"]);
  });

  it("answers the same graph in Turtle when asked", async () => {
    const ttl = await server.get("/api/v1/catalog", TTL);
    expect(ttl.headers.get("content-type")).toContain("text/turtle");
    const fromTurtle = graphFromTurtle(await ttl.text());
    const fromJson = await graphFromJsonLd(await (await server.get("/api/v1/catalog")).json());
    expect(fromTurtle.size).toBe(fromJson.size);
    for (const [cls, rules] of Object.entries(PROFILE)) expect(violations(fromTurtle, cls, rules), cls).toEqual([]);

    const one = await server.get("/id/dienst/bewonerskaart-parkeren", TTL);
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toContain("text/turtle");
    const g = graphFromTurtle(await one.text());
    expect(valuesOf(g, DataFactory.namedNode(`${BASE}/id/dienst/bewonerskaart-parkeren`), "dct:identifier").map((v) => v.value)).toEqual(["bewonerskaart-parkeren"]);
  });

  it("dereferences the city's URI as JSON-LD, Turtle and a page", async () => {
    const path = "/id/organisatie/stad-mechelen";
    const g = await graphFromJsonLd(await (await server.get(path, LD)).json());
    expect(violations(g, "cv:PublicOrganisation", PROFILE["cv:PublicOrganisation"])).toEqual([]);
    expect(languagesOf(g, `${BASE}${path}`, "skos:prefLabel")).toEqual(["en", "fr", "nl"]);
    const t = graphFromTurtle(await (await server.get(path, TTL)).text());
    expect(violations(t, "cv:PublicOrganisation", PROFILE["cv:PublicOrganisation"])).toEqual([]);
    const page = await server.get(path, HTML);
    expect(page.status).toBe(303);
    const html = await server.get(page.headers.get("Location")!, HTML);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain("<h1>Stad Mechelen</h1>");
    expect((await server.get("/id/organisatie/bestaat-niet", LD)).status).toBe(404);
  });

  it("dereferences every concept and concept scheme the catalogue uses", async () => {
    const g = await graphFromJsonLd(await (await server.get("/api/v1/catalog")).json());
    const concepts = instancesOf(g, "skos:Concept").map((c) => c.value);
    const schemes = [...new Set(concepts.flatMap((c) => valuesOf(g, DataFactory.namedNode(c), "skos:inScheme").map((s) => s.value)))];
    expect(schemes.sort()).toEqual([`${BASE}/id/concept/doelgroep`, `${BASE}/id/concept/kanaaltype`, `${BASE}/id/concept/thema`]);
    for (const uri of [...concepts, ...schemes]) {
      const res = await server.get(new URL(uri).pathname, LD);
      expect(res.status, uri).toBe(200);
      const one = await graphFromJsonLd(await res.json());
      expect(
        one.has(
          DataFactory.quad(
            DataFactory.namedNode(uri),
            DataFactory.namedNode(iri("rdf:type")),
            DataFactory.namedNode(iri(uri.split("/").length > 6 ? "skos:Concept" : "skos:ConceptScheme")),
          ),
        ),
        uri,
      ).toBe(true);
    }
    const person = await server.get("/id/concept/thema/mobiliteit", HTML);
    expect(person.status).toBe(303);
    expect(person.headers.get("Location")).toBe("/mikipedia/thema/mobiliteit");
    expect((await server.get("/id/concept/thema/bestaat-niet", LD)).status).toBe(404);
    expect((await server.get("/id/concept/bestaat-niet", LD)).status).toBe(404);
  });

  it("embeds schema.org JSON-LD in article pages, escaped against </script>", async () => {
    const html = await (await server.get("/mikipedia/bewonerskaart-parkeren", HTML)).text();
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
    expect(blocks).toHaveLength(1);
    const [page] = blocks;
    expect(page["@context"]).toBe("https://schema.org");
    expect(["FAQPage", "WebPage"]).toContain(page["@type"]);
    if (page["@type"] === "FAQPage") {
      expect(page.mainEntity.length).toBeGreaterThan(0);
      for (const q of page.mainEntity) expect(q).toMatchObject({ "@type": "Question", acceptedAnswer: { "@type": "Answer" } });
    }
    expect(page.about).toMatchObject({ "@type": "GovernmentService", "@id": `${BASE}/id/dienst/bewonerskaart-parkeren` });
    const { JsonLd } = await import("../../../app/components/JsonLd");
    const { renderToStaticMarkup } = await import("react-dom/server");
    const hostile = renderToStaticMarkup(JsonLd({ data: { name: "</script><script>alert(1)</script>" } })!);
    expect(hostile).not.toContain("</script><script>");
    expect(JSON.parse(hostile.replace(/^<script[^>]*>|<\/script>$/g, ""))).toEqual({ name: "</script><script>alert(1)</script>" });
  });
});
