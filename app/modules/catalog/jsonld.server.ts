import type { ServiceText } from "../../../db/schema";
import { publishedArticleAboutService } from "~/modules/knowledge/directory.server";
import { getServiceBySlug, listServices, type Service } from "./catalog.server";
import { conceptNode, conceptUri, isConceptScheme, schemeGraph } from "./concepts.server";

/**
 * The service catalogue as open data: JSON-LD in the EU Core Public Service Vocabulary
 * (CPSV-AP 3, with the Core Vocabularies in the `cv:` namespace), each service also a
 * schema.org GovernmentService. URIs are stable: they use the service's slug, never its id.
 */
export const CATALOG_CONTEXT = {
  adms: "http://www.w3.org/ns/adms#",
  cpsv: "http://purl.org/vocab/cpsv#",
  cv: "http://data.europa.eu/m8g/",
  dct: "http://purl.org/dc/terms/",
  dcat: "http://www.w3.org/ns/dcat#",
  eli: "http://data.europa.eu/eli/ontology#",
  foaf: "http://xmlns.com/foaf/0.1/",
  org: "http://www.w3.org/ns/org#",
  schema: "https://schema.org/",
  skos: "http://www.w3.org/2004/02/skos/core#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
} as const;

type Lit = { "@value": string; "@language": string };
const nl = (value: string): Lit => ({ "@value": value, "@language": "nl" });

export const serviceUri = (base: string, slug: string) => `${base}/id/dienst/${slug}`;
export const cityUri = (base: string) => `${base}/id/organisatie/stad-mechelen`;
/**
 * The area the city covers: the municipality Mechelen (NIS code 12025) in the Flemish base
 * registry of municipalities, the authority URI Flemish linked data uses (docs/decisions/006).
 */
export const MECHELEN_SPATIAL = "https://data.vlaanderen.be/id/gemeente/12025";

const CHANNEL_CODE = { online: "online", counter: "loket", phone: "telefoon" } as const;

/** The languages the catalogue is translated into (services.translations); courtesy languages are not published. */
const TRANSLATED = ["en", "fr"] as const;

/** Dutch text with its tag, plus the en/fr translations that exist (Dutch is never tagged en/fr). */
const multi = (dutch: string, s: Service, pick: (t: ServiceText) => string | undefined): Lit[] => [
  nl(dutch),
  ...TRANSLATED.flatMap((l) => {
    const t = s.translations[l];
    const value = t ? pick(t) : undefined;
    return value ? [{ "@value": value, "@language": l }] : [];
  }),
];

export function organisationNode(base: string) {
  return {
    "@id": cityUri(base),
    "@type": ["cv:PublicOrganisation", "org:Organization", "foaf:Agent", "schema:GovernmentOrganization"],
    "dct:identifier": "stad-mechelen",
    "skos:prefLabel": [nl("Stad Mechelen"), { "@value": "City of Mechelen", "@language": "en" }, { "@value": "Ville de Malines", "@language": "fr" }],
    "dct:title": [nl("Stad Mechelen"), { "@value": "City of Mechelen", "@language": "en" }, { "@value": "Ville de Malines", "@language": "fr" }],
    "schema:name": nl("Stad Mechelen"),
    "dct:spatial": { "@id": MECHELEN_SPATIAL, "@type": "dct:Location" },
    "foaf:homepage": { "@id": `${base}/` },
  };
}

function serviceNode(base: string, s: Service) {
  const id = serviceUri(base, s.slug);
  const channels = (["online", "counter", "phone"] as const)
    .filter((c) => s.channels[c])
    .map((c) => ({
      "@id": `${id}/kanaal/${c}`,
      "@type": "cv:Channel",
      "dct:identifier": `${s.slug}/kanaal/${c}`,
      "dct:type": { "@id": conceptUri(base, "kanaaltype", CHANNEL_CODE[c]) },
      "dct:description": multi(s.channels[c]!, s, (t) => t.channels?.[c]),
      "cv:ownedBy": { "@id": cityUri(base) },
    }));
  const concepts = (scheme: "thema" | "doelgroep", codes: string[]) => codes.filter((c) => conceptNode(base, scheme, c)).map((c) => ({ "@id": conceptUri(base, scheme, c) }));
  return {
    "@id": id,
    "@type": ["cpsv:PublicService", "schema:GovernmentService"],
    "dct:identifier": s.slug,
    "dct:title": multi(s.title, s, (t) => t.title),
    "schema:name": multi(s.title, s, (t) => t.title),
    "dct:description": multi(s.description, s, (t) => t.description),
    "schema:description": multi(s.summary, s, (t) => t.summary),
    "dcat:keyword": s.keywords.map(nl),
    "cv:thematicArea": concepts("thema", s.themes),
    "dct:audience": concepts("doelgroep", s.audiences),
    "dct:language": ["NLD", "ENG", "FRA"].map((l) => ({ "@id": `http://publications.europa.eu/resource/authority/language/${l}`, "@type": "dct:LinguisticSystem" })),
    "dct:spatial": { "@id": MECHELEN_SPATIAL, "@type": "dct:Location" },
    "cv:hasCompetentAuthority": { "@id": cityUri(base) },
    "schema:provider": { "@id": cityUri(base) },
    "cv:hasChannel": channels,
    ...(s.conditions
      ? {
          "cv:holdsRequirement": {
            "@id": `${id}/voorwaarde`,
            "@type": "cv:Requirement",
            "dct:identifier": `${s.slug}/voorwaarde`,
            "dct:title": nl(`Voorwaarden: ${s.title}`),
            "dct:description": multi(s.conditions, s, (t) => t.conditions),
          },
        }
      : {}),
    ...(s.requirements?.length
      ? {
          "cpsv:hasInput": s.requirements.map((r, i) => ({
            "@id": `${id}/bewijsstuk/${i + 1}`,
            "@type": "cv:Evidence",
            "dct:identifier": `${s.slug}/bewijsstuk/${i + 1}`,
            "dct:title": multi(r, s, (t) => (t.requirements?.length === s.requirements!.length ? t.requirements[i] : undefined)),
            "dct:description": multi(r, s, (t) => (t.requirements?.length === s.requirements!.length ? t.requirements[i] : undefined)),
          })),
        }
      : {}),
    ...(s.cost
      ? { "cv:hasCost": { "@id": `${id}/kost`, "@type": "cv:Cost", "dct:identifier": `${s.slug}/kost`, "dct:description": nl(s.cost), "cv:isDefinedBy": { "@id": cityUri(base) } } }
      : {}),
    ...(s.processingTimeDays ? { "cv:processingTime": { "@value": `P${s.processingTimeDays}D`, "@type": "xsd:duration" } } : {}),
    ...(s.result
      ? {
          "cpsv:produces": {
            "@id": `${id}/resultaat`,
            "@type": "cv:Output",
            "dct:identifier": `${s.slug}/resultaat`,
            "dct:title": nl(`Resultaat: ${s.title}`),
            "dct:description": multi(s.result, s, (t) => t.result),
          },
        }
      : {}),
    ...(s.contactPoint ? { "cv:contactPoint": { "@id": `${id}/contactpunt`, "@type": "cv:ContactPoint", "dct:description": nl(s.contactPoint) } } : {}),
    ...(s.legalBasis ? { "cv:hasLegalResource": { "@id": `${id}/rechtsgrond`, "@type": "eli:LegalResource", "dct:description": nl(s.legalBasis) } } : {}),
    "cv:relatedService": s.relatedServices.map((r) => ({ "@id": serviceUri(base, r) })),
    ...(s.lastChecked ? { "dct:modified": { "@value": s.lastChecked, "@type": "xsd:date" } } : {}),
    ...(s.requestable ? { "schema:url": `${base}/aanvragen/${s.slug}` } : {}),
  };
}

export async function catalogAsJsonLd(base: string) {
  const services = await listServices();
  return {
    "@context": CATALOG_CONTEXT,
    "@graph": [
      organisationNode(base),
      ...(["thema", "doelgroep", "kanaaltype"] as const).flatMap((scheme) => schemeGraph(base, scheme)),
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

/** The city as a JSON-LD document: what `/id/organisatie/stad-mechelen` answers to a machine. */
export function organisationAsJsonLd(base: string) {
  return { "@context": CATALOG_CONTEXT, ...organisationNode(base) };
}

/** A concept scheme or one of its concepts, as a JSON-LD document; null when unknown. */
export function conceptAsJsonLd(base: string, scheme: string, code?: string) {
  if (!isConceptScheme(scheme)) return null;
  if (!code) return { "@context": CATALOG_CONTEXT, "@graph": schemeGraph(base, scheme) };
  const node = conceptNode(base, scheme, code);
  return node ? { "@context": CATALOG_CONTEXT, ...node } : null;
}

/**
 * Where a person asking for the URI `/id/dienst/<slug>` is sent: the Mikipedia article about
 * the service, else its online form, else a Mikipedia search for its title. Null when unknown.
 */
export async function servicePagePath(slug: string): Promise<string | null> {
  const service = await getServiceBySlug(slug);
  if (!service) return null;
  const article = await publishedArticleAboutService(slug, "nl");
  if (article) return `/mikipedia/${article}`;
  if (service.requestable) return `/aanvragen/${service.slug}`;
  return `/mikipedia/zoeken?q=${encodeURIComponent(service.title)}`;
}

/**
 * schema.org GovernmentService for a service's page, embedded as JSON-LD; null when unknown.
 * Name, summary and channels in the page language where the catalogue has them, else all Dutch.
 */
export async function serviceStructuredData(base: string, slug: string, lng = "nl") {
  const s = await getServiceBySlug(slug);
  if (!s) return null;
  const t = lng === "nl" ? undefined : s.translations[lng];
  const inPage = !!t?.title && !!t.summary;
  return {
    "@context": "https://schema.org",
    "@type": "GovernmentService",
    "@id": serviceUri(base, s.slug),
    name: inPage ? t.title : s.title,
    description: inPage ? t.summary : s.summary,
    inLanguage: inPage ? lng : "nl",
    serviceType: s.themes[0] ?? undefined,
    url: s.requestable ? `${base}/aanvragen/${s.slug}` : undefined,
    provider: { "@type": "GovernmentOrganization", "@id": cityUri(base), name: "Stad Mechelen" },
    areaServed: { "@type": "City", name: "Mechelen", sameAs: MECHELEN_SPATIAL },
    availableChannel: (["online", "counter", "phone"] as const)
      .filter((c) => s.channels[c])
      .map((c) => ({
        "@type": "ServiceChannel",
        name: (inPage && t.channels?.[c]) || s.channels[c],
        ...(c === "online" && s.requestable ? { serviceUrl: `${base}/aanvragen/${s.slug}` } : {}),
      })),
  };
}
