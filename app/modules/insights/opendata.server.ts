import { sql } from "drizzle-orm";
import { cityUri, MECHELEN_SPATIAL } from "~/modules/catalog/jsonld.server";
import { db, type DbOrTx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { hasDemoData } from "./demo-history.server";
import { PUBLIC_DATASETS, type PublicDatasetId } from "./public.server";
import type { DataTable } from "./tables";

/**
 * Open data: the public figures per month, as CSV and JSON, described by a DCAT-AP 3.0.1
 * catalogue in JSON-LD. URLs are stable: /api/v1/open-data/<dataset>.csv|.json.
 * Fields are documented in docs/open-data.md.
 */

/** Modellicentie Gratis Hergebruik Vlaanderen v1.0: the Flemish standard open licence (why: docs/open-data.md). */
export const OPEN_DATA_LICENSE = "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0";
export const OPEN_DATA_MONTHS = 36;

type Lang = { nl: string; en: string };
const META: Record<PublicDatasetId, { title: Lang; description: Lang; keywords: string[] }> = {
  doorlooptijden: {
    title: { nl: "Doorlooptijden van aanvragen per dienst", en: "Lead times of requests per service" },
    description: {
      nl: "Per maand en per dienst: aantal afgehandelde aanvragen, mediane doorlooptijd in dagen, de norm van de dienst en het aandeel op tijd. Ingetrokken aanvragen tellen niet mee. Groepen kleiner dan 5 zijn weggelaten.",
      en: "Per month and service: requests closed, median lead time in days, the service's norm and the share on time. Withdrawn requests are left out. Groups smaller than 5 are suppressed.",
    },
    keywords: ["dienstverlening", "doorlooptijd", "aanvragen", "Mechelen"],
  },
  "wachttijden-loket": {
    title: { nl: "Wachttijden aan de loketten per thema", en: "Waiting times at the counters per theme" },
    description: {
      nl: "Per maand en per themaloket in het Huis van de Mechelaar: aantal geholpen bezoekers en de gemiddelde wachttijd in minuten. Groepen kleiner dan 5 zijn weggelaten.",
      en: "Per month and counter theme at the Huis van de Mechelaar: visitors served and the average waiting time in minutes. Groups smaller than 5 are suppressed.",
    },
    keywords: ["loket", "wachttijd", "Huis van de Mechelaar", "Mechelen"],
  },
  tevredenheid: {
    title: { nl: "Tevredenheid per kanaal", en: "Satisfaction per channel" },
    description: {
      nl: "Per maand en per kanaal: aantal beoordelingen (1 tot 5) van afgehandelde aanvragen en contacten, en het gemiddelde. Groepen kleiner dan 5 zijn weggelaten.",
      en: "Per month and channel: number of ratings (1 to 5) of closed requests and contacts, and their average. Groups smaller than 5 are suppressed.",
    },
    keywords: ["tevredenheid", "klantentevredenheid", "kanalen", "Mechelen"],
  },
  "digitaal-aanvragen": {
    title: { nl: "Digitaal aanvragen per dienst", en: "Requests filed online per service" },
    description: {
      nl: "Per maand en per dienst: aantal aanvragen en het aandeel dat online werd ingediend. Groepen kleiner dan 5 zijn weggelaten.",
      en: "Per month and service: number of requests and the share filed online. Groups smaller than 5 are suppressed.",
    },
    keywords: ["digitalisering", "e-loket", "aanvragen", "Mechelen"],
  },
};

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The months published: the OPEN_DATA_MONTHS whole months before the current one. */
export function openDataRange(now = new Date()) {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - OPEN_DATA_MONTHS, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: iso(from), to: iso(to) };
}

export async function openDataset(id: PublicDatasetId): Promise<DataTable> {
  return PUBLIC_DATASETS[id]({ ...openDataRange(), grain: "month" }, db);
}

/**
 * Said wherever the figures include the demo seed's generated history (SEED_DEMO, never in
 * production): the JSON files, the CSV files' X-Demo-Data header and the catalogue.
 */
export const DEMO_DATA_NOTE: Lang = {
  nl: "Deze cijfers bevatten demogegevens: een verzonnen geschiedenis van 90 dagen uit de demo-installatie, geen echte cijfers van de stad.",
  en: "These figures include demo data: a made-up 90-day history from the demo installation, not real figures of the city.",
};

/** One open data file: the dataset per month, and whether the figures include demo data. */
export async function openDataFile(id: PublicDatasetId) {
  const [table, demoData] = await Promise.all([openDataset(id), hasDemoData(db)]);
  return { table, demoData, period: openDataRange() };
}

async function lastRefreshed(conn: DbOrTx) {
  const [r] = (await conn.execute(sql`select coalesce(max(updated_at), now())::date::text as d from insights_watermarks`)) as unknown as { d: string }[];
  return r.d;
}

const langs = (v: Lang) => [
  { "@value": v.nl, "@language": "nl" },
  { "@value": v.en, "@language": "en" },
];

/** The day the open data was first published (the catalogue's and every dataset's dct:issued). */
export const OPEN_DATA_ISSUED = "2026-11-29";
const EU = "http://publications.europa.eu/resource/authority";
const FILE_TYPES = { csv: { media: "text/csv", format: "CSV" }, json: { media: "application/json", format: "JSON" } } as const;

export async function openDataCatalog(base: string) {
  const [refreshed, demoData] = await Promise.all([lastRefreshed(db), hasDemoData(db)]);
  const modified = { "@value": refreshed, "@type": "xsd:date" };
  // With the demo history loaded, every description says so (DEMO_DATA_NOTE).
  const described = (v: Lang) => langs(demoData ? { nl: `${v.nl} ${DEMO_DATA_NOTE.nl}`, en: `${v.en} ${DEMO_DATA_NOTE.en}` } : v);
  const issued = { "@value": OPEN_DATA_ISSUED, "@type": "xsd:date" };
  const range = openDataRange();
  const publisher = {
    "@id": cityUri(base),
    "@type": "foaf:Agent",
    "foaf:name": [
      { "@value": "Stad Mechelen", "@language": "nl" },
      { "@value": "City of Mechelen", "@language": "en" },
    ],
    "dct:type": { "@id": "http://purl.org/adms/publishertype/LocalAuthority", "@type": "skos:Concept" },
  };
  const contactPoint = {
    "@id": `${base}/api/v1/open-data#contact`,
    "@type": ["vcard:Kind", "vcard:Organization"],
    "vcard:fn": "Stad Mechelen – Digitaal Huis van de Mechelaar",
    "vcard:hasEmail": { "@id": `mailto:${env().OPEN_DATA_CONTACT_EMAIL}` },
    "vcard:hasURL": { "@id": `${base}/dienstverlening-in-cijfers` },
  };
  const license = { "@id": OPEN_DATA_LICENSE, "@type": "dct:LicenseDocument" };
  const page = { "@id": `${base}/dienstverlening-in-cijfers`, "@type": "foaf:Document" };
  const spatial = { "@id": MECHELEN_SPATIAL, "@type": "dct:Location" };
  const languages = ["NLD", "ENG"].map((l) => ({ "@id": `${EU}/language/${l}`, "@type": "dct:LinguisticSystem" }));
  // The data itself (column names, service names) is Dutch.
  const dataLanguage = { "@id": `${EU}/language/NLD`, "@type": "dct:LinguisticSystem" };
  const theme = { "@id": `${EU}/data-theme/GOVE`, "@type": "skos:Concept", "skos:inScheme": { "@id": `${EU}/data-theme` } };
  return {
    "@context": {
      dcat: "http://www.w3.org/ns/dcat#",
      dcatap: "http://data.europa.eu/r5r/",
      dct: "http://purl.org/dc/terms/",
      foaf: "http://xmlns.com/foaf/0.1/",
      skos: "http://www.w3.org/2004/02/skos/core#",
      vcard: "http://www.w3.org/2006/vcard/ns#",
      xsd: "http://www.w3.org/2001/XMLSchema#",
    },
    "@id": `${base}/api/v1/open-data`,
    "@type": "dcat:Catalog",
    "dct:title": langs({ nl: "Dienstverlening in cijfers – Stad Mechelen", en: "Public service in figures – City of Mechelen" }),
    "dct:description": described({
      nl: "Open data over de dienstverlening van de stad Mechelen: doorlooptijden, wachttijden, tevredenheid en digitaal aanvragen, per maand.",
      en: "Open data on the public services of the city of Mechelen: lead times, waiting times, satisfaction and online take-up, per month.",
    }),
    "dct:publisher": publisher,
    "dct:license": license,
    "dct:issued": issued,
    "dct:modified": modified,
    "dct:language": languages,
    "dct:spatial": spatial,
    "dcat:themeTaxonomy": { "@id": `${EU}/data-theme`, "@type": "skos:ConceptScheme" },
    "foaf:homepage": page,
    "dcat:contactPoint": contactPoint,
    "dcat:dataset": (Object.keys(META) as PublicDatasetId[]).map((id) => ({
      "@id": `${base}/api/v1/open-data#${id}`,
      "@type": "dcat:Dataset",
      "dct:identifier": id,
      "dct:title": langs(META[id].title),
      "dct:description": described(META[id].description),
      "dcat:keyword": META[id].keywords.map((k) => ({ "@value": k, "@language": "nl" })),
      "dcat:theme": theme,
      "dct:publisher": publisher,
      "dcat:contactPoint": contactPoint,
      "dct:license": license,
      "dct:issued": issued,
      "dct:modified": modified,
      "dct:language": dataLanguage,
      "dct:spatial": spatial,
      "dct:accrualPeriodicity": { "@id": `${EU}/frequency/MONTHLY`, "@type": "dct:Frequency" },
      "dct:temporal": {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": { "@value": range.from, "@type": "xsd:date" },
        "dcat:endDate": { "@value": range.to, "@type": "xsd:date" },
      },
      "dcat:landingPage": page,
      "dcat:distribution": (["csv", "json"] as const).map((ext) => ({
        "@id": `${base}/api/v1/open-data/${id}.${ext}`,
        "@type": "dcat:Distribution",
        "dct:title": langs({ nl: `${META[id].title.nl} (${ext.toUpperCase()})`, en: `${META[id].title.en} (${ext.toUpperCase()})` }),
        "dct:description": langs({
          nl: `${META[id].title.nl}, per maand, als ${ext.toUpperCase()}-bestand. De velden staan beschreven in de documentatie van de open data.`,
          en: `${META[id].title.en}, per month, as a ${ext.toUpperCase()} file. The fields are described in the open data documentation.`,
        }),
        "dcat:accessURL": { "@id": `${base}/api/v1/open-data/${id}.${ext}` },
        "dcat:downloadURL": { "@id": `${base}/api/v1/open-data/${id}.${ext}` },
        "dcat:mediaType": { "@id": `http://www.iana.org/assignments/media-types/${FILE_TYPES[ext].media}`, "@type": "dct:MediaType" },
        "dct:format": { "@id": `${EU}/file-type/${FILE_TYPES[ext].format}`, "@type": "dct:MediaTypeOrExtent" },
        "dcatap:availability": { "@id": `${EU}/planned-availability/STABLE`, "@type": "skos:Concept" },
        "dct:license": license,
        "dct:issued": issued,
        "dct:modified": modified,
        "dct:language": dataLanguage,
      })),
    })),
  };
}
