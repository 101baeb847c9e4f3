import { fixedT } from "~/utils/i18next.server";

/**
 * The city's own concept schemes for the catalogue (CPSV-AP wants skos:Concepts for thematic
 * areas, addressees and channel types). No EU or Flemish vocabulary covers the city's own
 * themes and target groups, and the EU authority tables have no channel-type table, so the
 * schemes live at stable URIs under /id/concept/<scheme>/<code> (docs/decisions/006).
 * Codes are the slugs the catalogue and Mikipedia already use; labels come from the locales.
 */
export const CONCEPT_SCHEMES = {
  thema: { labelKey: "linkedData.schemes.thema", codesKey: "themes", ns: "knowledge" },
  doelgroep: { labelKey: "linkedData.schemes.doelgroep", codesKey: "audiences", ns: "knowledge" },
  kanaaltype: { labelKey: "linkedData.schemes.kanaaltype", codesKey: "linkedData.channelTypes", ns: "common" },
} as const;
export type ConceptScheme = keyof typeof CONCEPT_SCHEMES;
export const LANGUAGES = ["nl", "en", "fr"] as const;

export const isConceptScheme = (s: string): s is ConceptScheme => Object.hasOwn(CONCEPT_SCHEMES, s);
export const schemeUri = (base: string, scheme: ConceptScheme) => `${base}/id/concept/${scheme}`;
export const conceptUri = (base: string, scheme: ConceptScheme, code: string) => `${base}/id/concept/${scheme}/${code}`;

function codesOf(scheme: ConceptScheme): Record<string, string> {
  const def = CONCEPT_SCHEMES[scheme];
  return fixedT("nl", def.ns)(def.codesKey, { returnObjects: true }) as unknown as Record<string, string>;
}

export const conceptCodes = (scheme: ConceptScheme) => Object.keys(codesOf(scheme));

const labels = (ns: string, key: string) => LANGUAGES.map((lng) => ({ "@value": fixedT(lng, ns)(key), "@language": lng }));

/** One concept as a JSON-LD node (prefLabel in nl, en and fr; inScheme), or null when unknown. */
export function conceptNode(base: string, scheme: ConceptScheme, code: string) {
  if (!Object.hasOwn(codesOf(scheme), code)) return null;
  const def = CONCEPT_SCHEMES[scheme];
  return {
    "@id": conceptUri(base, scheme, code),
    "@type": "skos:Concept",
    "skos:notation": code,
    "skos:prefLabel": labels(def.ns, `${def.codesKey}.${code}`),
    "skos:inScheme": { "@id": schemeUri(base, scheme) },
  };
}

export function schemeNode(base: string, scheme: ConceptScheme) {
  return {
    "@id": schemeUri(base, scheme),
    "@type": "skos:ConceptScheme",
    "skos:prefLabel": labels("common", CONCEPT_SCHEMES[scheme].labelKey),
    "dct:publisher": { "@id": `${base}/id/organisatie/stad-mechelen` },
    "skos:hasTopConcept": conceptCodes(scheme).map((code) => ({ "@id": conceptUri(base, scheme, code) })),
  };
}

/** A whole scheme with its concepts, as a JSON-LD graph. */
export function schemeGraph(base: string, scheme: ConceptScheme) {
  return [schemeNode(base, scheme), ...conceptCodes(scheme).map((code) => conceptNode(base, scheme, code)!)];
}

/** Where a person asking for a concept URI is sent: the matching Mikipedia page. */
export function conceptPagePath(scheme: ConceptScheme, code: string) {
  if (scheme === "thema") return `/mikipedia/thema/${code}`;
  if (scheme === "doelgroep") return `/mikipedia/doelgroep/${code}`;
  return `/organisatie/stad-mechelen#kanalen`;
}
