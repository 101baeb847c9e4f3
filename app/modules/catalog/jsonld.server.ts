import { and, asc, eq } from "drizzle-orm";
import { knowledgeArticles } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { getServiceBySlug, listServices, type Service } from "./catalog.server";

/**
 * The service catalogue as open data: JSON-LD in the EU Core Public Service Vocabulary
 * (CPSV-AP 3, with the Core Vocabularies in the `cv:` namespace), each service also a
 * schema.org GovernmentService. URIs are stable: they use the service's slug, never its id.
 */
export const CATALOG_CONTEXT = {
  cpsv: "http://purl.org/vocab/cpsv#",
  cv: "http://data.europa.eu/m8g/",
  dct: "http://purl.org/dc/terms/",
  dcat: "http://www.w3.org/ns/dcat#",
  schema: "https://schema.org/",
  skos: "http://www.w3.org/2004/02/skos/core#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
} as const;

const nl = (value: string) => ({ "@value": value, "@language": "nl" });

export const serviceUri = (base: string, slug: string) => `${base}/id/dienst/${slug}`;
export const cityUri = (base: string) => `${base}/id/organisatie/stad-mechelen`;

function serviceNode(base: string, s: Service) {
  const channels = (["online", "counter", "phone"] as const)
    .filter((c) => s.channels[c])
    .map((c) => ({
      "@id": `${serviceUri(base, s.slug)}/kanaal/${c}`,
      "@type": "cv:Channel",
      "dct:type": c === "online" ? "online" : c === "counter" ? "loket" : "telefoon",
      "dct:description": nl(s.channels[c]!),
    }));
  return {
    "@id": serviceUri(base, s.slug),
    "@type": ["cpsv:PublicService", "schema:GovernmentService"],
    "dct:identifier": s.slug,
    "dct:title": nl(s.title),
    "schema:name": nl(s.title),
    "dct:description": nl(s.description),
    "schema:description": nl(s.summary),
    "dcat:keyword": s.keywords.map(nl),
    "cv:thematicArea": s.themes,
    "schema:audience": s.audiences.map((a) => ({ "@type": "schema:Audience", "schema:audienceType": a })),
    "cv:hasCompetentAuthority": { "@id": cityUri(base) },
    "schema:provider": { "@id": cityUri(base) },
    "cv:hasChannel": channels,
    ...(s.conditions ? { "cv:holdsRequirement": { "@type": "cv:Requirement", "dct:description": nl(s.conditions) } } : {}),
    ...(s.requirements?.length ? { "cv:hasInput": s.requirements.map((r) => ({ "@type": "cv:Evidence", "dct:description": nl(r) })) } : {}),
    ...(s.cost ? { "cv:hasCost": { "@type": "cv:Cost", "dct:description": nl(s.cost) } } : {}),
    ...(s.processingTimeDays ? { "cv:processingTime": { "@value": `P${s.processingTimeDays}D`, "@type": "xsd:duration" } } : {}),
    ...(s.result ? { "cpsv:produces": { "@type": "cv:Output", "dct:description": nl(s.result) } } : {}),
    ...(s.contactPoint ? { "cv:hasContactPoint": { "@type": "cv:ContactPoint", "dct:description": nl(s.contactPoint) } } : {}),
    ...(s.legalBasis ? { "cv:hasLegalResource": { "@type": "cv:LegalResource", "dct:description": nl(s.legalBasis) } } : {}),
    "dct:relation": s.relatedServices.map((r) => ({ "@id": serviceUri(base, r) })),
    ...(s.lastChecked ? { "dct:modified": { "@value": s.lastChecked, "@type": "xsd:date" } } : {}),
    ...(s.requestable ? { "schema:url": `${base}/aanvragen/${s.slug}` } : {}),
  };
}

export async function catalogAsJsonLd(base: string) {
  const services = await listServices();
  return {
    "@context": CATALOG_CONTEXT,
    "@graph": [
      {
        "@id": cityUri(base),
        "@type": ["cv:PublicOrganisation", "schema:GovernmentOrganization"],
        "skos:prefLabel": nl("Stad Mechelen"),
        "schema:name": nl("Stad Mechelen"),
      },
      ...services.map((s) => serviceNode(base, s)),
    ],
  };
}

/** One service as a JSON-LD document: what its URI `/id/dienst/<slug>` answers to a machine. */
export async function serviceAsJsonLd(base: string, slug: string) {
  const service = await getServiceBySlug(slug);
  if (!service) return null;
  return { "@context": CATALOG_CONTEXT, ...serviceNode(base, service) };
}

/**
 * Where a person asking for the URI `/id/dienst/<slug>` is sent: the Mikipedia article about
 * the service, else its online form, else a Mikipedia search for its title. Null when unknown.
 */
export async function servicePagePath(slug: string): Promise<string | null> {
  const service = await getServiceBySlug(slug);
  if (!service) return null;
  const [article] = await db
    .select({ slug: knowledgeArticles.slug })
    .from(knowledgeArticles)
    .where(and(eq(knowledgeArticles.serviceSlug, slug), eq(knowledgeArticles.language, "nl"), eq(knowledgeArticles.status, "published")))
    .orderBy(asc(knowledgeArticles.slug))
    .limit(1);
  if (article) return `/mikipedia/${article.slug}`;
  if (service.requestable) return `/aanvragen/${service.slug}`;
  return `/mikipedia/zoeken?q=${encodeURIComponent(service.title)}`;
}
