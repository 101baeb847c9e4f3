import jsonld from "jsonld";
import { Parser, Writer } from "n3";

/**
 * Linked-data plumbing shared by the catalogue (CPSV-AP) and the open data (DCAT-AP):
 * content negotiation between JSON-LD, Turtle and a page, and Turtle made from the same
 * JSON-LD document through a maintained RDF library (jsonld → N-Quads → n3), so both
 * formats always say the same thing.
 */
export type LinkedDataFormat = "jsonld" | "turtle" | "html";

/** What the client asks for: an explicit Turtle or JSON(-LD) Accept wins, else a page. */
export function negotiate(accept: string | null, fallback: LinkedDataFormat = "html"): LinkedDataFormat {
  const a = (accept ?? "").toLowerCase();
  if (/text\/turtle/.test(a)) return "turtle";
  if (/application\/(ld\+json|json)/.test(a)) return "jsonld";
  if (/text\/html|application\/xhtml\+xml/.test(a)) return "html";
  return fallback;
}

export const PREFIXES: Record<string, string> = {
  adms: "http://www.w3.org/ns/adms#",
  cpsv: "http://purl.org/vocab/cpsv#",
  cv: "http://data.europa.eu/m8g/",
  dcat: "http://www.w3.org/ns/dcat#",
  dcatap: "http://data.europa.eu/r5r/",
  dct: "http://purl.org/dc/terms/",
  eli: "http://data.europa.eu/eli/ontology#",
  foaf: "http://xmlns.com/foaf/0.1/",
  org: "http://www.w3.org/ns/org#",
  schema: "https://schema.org/",
  skos: "http://www.w3.org/2004/02/skos/core#",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
};

/** The document as RDF quads (N-Quads), through the jsonld library. */
export async function toNQuads(doc: object): Promise<string> {
  return (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { format: "application/n-quads", safe: true } as jsonld.Options.ToRdf)) as unknown as string;
}

/** The document as Turtle, with the usual prefixes. */
export async function toTurtle(doc: object): Promise<string> {
  const quads = new Parser({ format: "N-Quads" }).parse(await toNQuads(doc));
  const writer = new Writer({ prefixes: PREFIXES });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

const OPEN = { "Access-Control-Allow-Origin": "*" };

/** A JSON-LD or Turtle response for a linked-data document. */
export async function linkedDataResponse(doc: object, format: "jsonld" | "turtle", headers: Record<string, string> = {}) {
  if (format === "turtle") {
    return new Response(await toTurtle(doc), { headers: { ...OPEN, ...headers, "Content-Type": "text/turtle; charset=utf-8" } });
  }
  return new Response(JSON.stringify(doc), { headers: { ...OPEN, ...headers, "Content-Type": "application/ld+json; charset=utf-8" } });
}
