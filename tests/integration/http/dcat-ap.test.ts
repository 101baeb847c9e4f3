import { DataFactory } from "n3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../setup/http-server";
import { graphFromJsonLd, graphFromTurtle, instancesOf, valuesOf, violations, type PropertyRule } from "../../setup/rdf-graph";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const EU = "http://publications.europa.eu/resource/authority/";
// The DCAT-AP 3.0.1 tables (and SHACL shapes): mandatory and recommended properties of the
// classes the open data uses, with their ranges and the EU vocabularies the profile names.
const PROFILE: Record<string, PropertyRule[]> = {
  "dcat:Catalog": [
    { path: "dct:title", min: 1, range: "langString" },
    { path: "dct:description", min: 1, range: "langString" },
    { path: "dct:publisher", min: 1, max: 1, range: "foaf:Agent" },
    { path: "dcat:dataset", min: 1, range: "dcat:Dataset" },
    { path: "foaf:homepage", min: 1, max: 1, range: "foaf:Document" },
    { path: "dct:language", min: 1, range: "dct:LinguisticSystem", vocabulary: `${EU}language/` },
    { path: "dct:license", min: 1, max: 1, range: "dct:LicenseDocument" },
    { path: "dct:issued", min: 1, max: 1, range: "xsd:date" },
    { path: "dct:modified", min: 1, max: 1, range: "xsd:date" },
    { path: "dct:spatial", min: 1, range: "dct:Location" },
    { path: "dcat:themeTaxonomy", min: 1, range: "skos:ConceptScheme", vocabulary: `${EU}data-theme` },
  ],
  "dcat:Dataset": [
    { path: "dct:title", min: 1, range: "langString" },
    { path: "dct:description", min: 1, range: "langString" },
    { path: "dcat:contactPoint", min: 1, range: "vcard:Kind" },
    { path: "dcat:distribution", min: 1, range: "dcat:Distribution" },
    { path: "dcat:keyword", min: 1, range: "langString" },
    { path: "dct:publisher", min: 1, max: 1, range: "foaf:Agent" },
    { path: "dct:spatial", min: 1, range: "dct:Location" },
    { path: "dct:temporal", min: 1, range: "dct:PeriodOfTime" },
    { path: "dcat:theme", min: 1, range: "skos:Concept", vocabulary: `${EU}data-theme/` },
    { path: "dct:accrualPeriodicity", max: 1, range: "dct:Frequency", vocabulary: `${EU}frequency/` },
    { path: "dcat:landingPage", range: "foaf:Document" },
    { path: "dct:language", range: "dct:LinguisticSystem", vocabulary: `${EU}language/` },
    { path: "dct:issued", max: 1, range: "xsd:date" },
    { path: "dct:modified", max: 1, range: "xsd:date" },
  ],
  "dcat:Distribution": [
    { path: "dcat:accessURL", min: 1, range: "iri" },
    { path: "dcatap:availability", min: 1, max: 1, range: "skos:Concept", vocabulary: `${EU}planned-availability/` },
    { path: "dct:description", min: 1, range: "langString" },
    { path: "dct:format", min: 1, max: 1, range: "dct:MediaTypeOrExtent", vocabulary: `${EU}file-type/` },
    { path: "dct:license", min: 1, max: 1, range: "dct:LicenseDocument" },
    { path: "dcat:mediaType", max: 1, range: "dct:MediaType", vocabulary: "http://www.iana.org/assignments/media-types/" },
    { path: "dcat:downloadURL", range: "iri" },
    { path: "dct:language", range: "dct:LinguisticSystem", vocabulary: `${EU}language/` },
    { path: "dct:issued", max: 1, range: "xsd:date" },
  ],
  "foaf:Agent": [
    { path: "foaf:name", min: 1, range: "langString" },
    { path: "dct:type", max: 1, range: "skos:Concept" },
  ],
  "vcard:Kind": [{ path: "vcard:hasEmail", min: 1, range: "iri" }],
  "dct:PeriodOfTime": [
    { path: "dcat:startDate", max: 1, range: "xsd:date" },
    { path: "dcat:endDate", max: 1, range: "xsd:date" },
  ],
};

describe("the open data conforms to DCAT-AP 3.0.1", () => {
  it("meets the mandatory and recommended properties and their ranges, in JSON-LD and Turtle", async () => {
    const res = await server.get("/api/v1/open-data");
    expect(res.headers.get("content-type")).toContain("application/ld+json");
    const g = await graphFromJsonLd(await res.json());
    for (const [cls, rules] of Object.entries(PROFILE)) {
      expect(instancesOf(g, cls).length, cls).toBeGreaterThan(0);
      expect(violations(g, cls, rules), cls).toEqual([]);
    }
    expect(instancesOf(g, "dcat:Dataset")).toHaveLength(4);

    const ttl = await server.get("/api/v1/open-data", { Accept: "text/turtle" });
    expect(ttl.headers.get("content-type")).toContain("text/turtle");
    const t = graphFromTurtle(await ttl.text());
    expect(t.size).toBe(g.size);
    for (const [cls, rules] of Object.entries(PROFILE)) expect(violations(t, cls, rules), cls).toEqual([]);
  });

  it("uses the EU vocabularies' URIs and a configured, clearly example contact address", async () => {
    const g = await graphFromJsonLd(await (await server.get("/api/v1/open-data")).json());
    const objects = (p: string) =>
      [...new Set(instancesOf(g, p === "dct:accrualPeriodicity" ? "dcat:Dataset" : "dcat:Distribution").flatMap((s) => valuesOf(g, s, p).map((v) => v.value)))].sort();
    expect(objects("dct:format")).toEqual([`${EU}file-type/CSV`, `${EU}file-type/JSON`]);
    expect(objects("dcat:mediaType")).toEqual(["http://www.iana.org/assignments/media-types/application/json", "http://www.iana.org/assignments/media-types/text/csv"]);
    expect(objects("dct:accrualPeriodicity")).toEqual([`${EU}frequency/MONTHLY`]);
    expect(objects("dcatap:availability")).toEqual([`${EU}planned-availability/STABLE`]);
    const [kind] = instancesOf(g, "vcard:Kind");
    expect(valuesOf(g, kind, "vcard:hasEmail").map((v) => v.value)).toEqual(["mailto:opendata@mechelen.example.com"]);
    const [catalog] = instancesOf(g, "dcat:Catalog");
    expect(valuesOf(g, catalog, "dct:spatial").map((v) => v.value)).toEqual(["https://data.vlaanderen.be/id/gemeente/12025"]);
    expect(
      valuesOf(g, DataFactory.namedNode(catalog.value), "dct:language")
        .map((v) => v.value)
        .sort(),
    ).toEqual([`${EU}language/ENG`, `${EU}language/NLD`]);
  });
});
