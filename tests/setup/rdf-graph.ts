import jsonld from "jsonld";
import { DataFactory, Parser, Store, type Quad_Object, type Term } from "n3";

/**
 * RDF graphs for the linked-data tests: the served JSON-LD (or Turtle) is parsed into quads
 * with the jsonld library / n3 and queried as a graph, so the tests check what an RDF
 * consumer reads, not how the JSON happens to be written.
 */
export const NS = {
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  adms: "http://www.w3.org/ns/adms#",
  cpsv: "http://purl.org/vocab/cpsv#",
  cv: "http://data.europa.eu/m8g/",
  dcat: "http://www.w3.org/ns/dcat#",
  dcatap: "http://data.europa.eu/r5r/",
  dct: "http://purl.org/dc/terms/",
  eli: "http://data.europa.eu/eli/ontology#",
  foaf: "http://xmlns.com/foaf/0.1/",
  org: "http://www.w3.org/ns/org#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
};

/** "dct:title" → full IRI. */
export const iri = (curie: string) => {
  const [prefix, local] = curie.split(":");
  return (NS as Record<string, string>)[prefix] + local;
};

export async function graphFromJsonLd(doc: object): Promise<Store> {
  const nquads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { format: "application/n-quads", safe: true } as jsonld.Options.ToRdf)) as unknown as string;
  return new Store(new Parser({ format: "N-Quads" }).parse(nquads));
}

export function graphFromTurtle(turtle: string, baseIRI?: string): Store {
  return new Store(new Parser({ format: "text/turtle", baseIRI }).parse(turtle));
}

export const instancesOf = (g: Store, cls: string) => g.getSubjects(DataFactory.namedNode(iri("rdf:type")), DataFactory.namedNode(iri(cls)), null);
export const valuesOf = (g: Store, s: Term, p: string) => g.getObjects(s, DataFactory.namedNode(iri(p)), null);
export const hasType = (g: Store, o: Term, cls: string) => g.has(DataFactory.quad(o as never, DataFactory.namedNode(iri("rdf:type")), DataFactory.namedNode(iri(cls))));

/** A row of an application profile's property table. */
export type PropertyRule = {
  path: string;
  min?: number;
  max?: number;
  /** Range: a class the value must be typed with, "langString", an xsd datatype ("xsd:date") or "iri". */
  range?: string;
  /** Every value's IRI starts with this (a controlled vocabulary). */
  vocabulary?: string;
};

/** Every violation of the rules by the instances of a class, as readable lines (empty: conformant). */
export function violations(g: Store, cls: string, rules: PropertyRule[]): string[] {
  const out: string[] = [];
  const nodes = instancesOf(g, cls);
  for (const node of nodes) {
    for (const rule of rules) {
      const values = valuesOf(g, node, rule.path);
      const where = `${cls} ${node.value} ${rule.path}`;
      if (rule.min !== undefined && values.length < rule.min) out.push(`${where}: ${values.length} values, at least ${rule.min} required`);
      if (rule.max !== undefined && values.length > rule.max) out.push(`${where}: ${values.length} values, at most ${rule.max} allowed`);
      for (const v of values) {
        const bad = rangeProblem(g, v, rule);
        if (bad) out.push(`${where}: ${bad}`);
      }
    }
  }
  return out;
}

function rangeProblem(g: Store, v: Quad_Object, rule: PropertyRule): string | null {
  if (rule.vocabulary && !(v.termType === "NamedNode" && v.value.startsWith(rule.vocabulary))) return `${v.value} is not in ${rule.vocabulary}`;
  if (!rule.range) return null;
  if (rule.range === "langString") return v.termType === "Literal" && v.language ? null : `${JSON.stringify(v.value)} is not a language-tagged string`;
  if (rule.range === "iri") return v.termType === "NamedNode" ? null : `${v.value} is not an IRI`;
  if (rule.range.startsWith("xsd:")) return v.termType === "Literal" && v.datatype.value === iri(rule.range) ? null : `${JSON.stringify(v.value)} is not an ${rule.range}`;
  return hasType(g, v, rule.range) ? null : `${v.value} is not typed ${rule.range}`;
}
