/**
 * Search-term enrichment for Mikipedia, applied when an article is saved (architecture §7).
 * PostgreSQL's Dutch stemmer does not split compounds (parkeerkaart) and knows no synonyms
 * (eID / identiteitskaart), so the article's keywords get both, from the lists below.
 * Editors extend these lists; they are plain data on purpose.
 */

/** Words that mean the same to a resident. Every word of a group finds the others. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["identiteitskaart", "eid", "id-kaart", "identiteitsbewijs", "kids-id"],
  ["renoveren", "renovatie", "verbouwen", "verbouwing", "opknappen", "isoleren", "renovatiebegeleiding"],
  ["internet", "wifi", "wi-fi", "online"],
  ["gratis", "kosteloos", "zonder kosten"],
  ["ruzie", "conflict", "burenruzie", "geschil", "onenigheid", "bemiddeling", "burenbemiddeling"],
  ["senior", "senioren", "ouderen", "oudere", "gepensioneerd", "65-plusser", "bejaarde"],
  ["parkeren", "parkeerkaart", "parkeervergunning", "bewonerskaart"],
  ["fiets", "rijwiel", "velo"],
  ["schulden", "budget", "geldzorgen", "budgetbegeleiding", "schuldhulp"],
  ["geld", "financiele hulp", "steun", "uitkering", "leefloon"],
  ["werk", "job", "werkzoekend", "vacature"],
  ["kinderopvang", "creche", "opvang", "onthaalouder"],
  ["verhuizen", "verhuis", "adreswijziging", "inschrijven"],
  ["subsidie", "premie", "toelage", "toelagen"],
  ["bibliotheek", "bib", "boeken", "lenen"],
  ["evenement", "feest", "event", "fuif", "activiteit"],
  ["vrijwilliger", "vrijwilligerswerk", "helpen"],
  ["energie", "elektriciteit", "stroom", "gas", "energiefactuur"],
  ["jongeren", "jeugd", "tieners", "jongere"],
  ["nieuwkomer", "nieuwkomers", "inwijkeling", "anderstalige"],
  ["computer", "pc", "laptop", "digitaal", "digipunt"],
  ["attest", "getuigschrift", "uittreksel", "kopie", "bewijs"],
  ["huis", "woning", "wonen", "huurwoning"],
  ["huren", "huur", "huurder", "verhuurder"],
  ["loket", "balie", "onthaal"],
  ["vraag", "vragen", "info", "informatie", "hulp"],
  ["geweld", "partnergeweld", "mishandeling", "intrafamiliaal geweld"],
  ["sport", "sporten", "bewegen"],
  ["cultuur", "theater", "museum", "concert"],
];

/** Word parts that Dutch glues together. Longest parts are tried first. */
export const COMPOUND_PARTS: readonly string[] = [
  "parkeer", "kaart", "bewoner", "bewoners", "fiets", "fietsen", "stalling", "buren", "buurt", "bemiddeling",
  "energie", "lening", "punt", "vrije", "tijd", "balie", "identiteit", "huis", "kind", "kinder", "opvang",
  "budget", "begeleiding", "renovatie", "coach", "huur", "woning", "senioren", "info", "lijn", "digi",
  "vrijwilliger", "werk", "subsidie", "klimaat", "sport", "school", "jongeren", "raad", "loket", "stad",
  "evenement", "burger", "zaken", "verhuis", "adres", "wijziging", "afval", "container", "park", "plaats",
  "vergunning", "bouw", "aanvraag", "geboorte", "akte", "uittreksel", "rijbewijs", "reis", "pas",
  "uit", "kunst", "onderwijs", "muziek", "dementie", "vriendelijk", "thuis", "zorg", "hulp", "dienst",
  "gezin", "ouder", "ouderen", "schuld", "factuur", "premie", "dak", "isolatie", "gas", "stroom", "wifi",
  "internet", "computer", "les", "taal", "nieuwkomer", "inburgering", "vereniging", "feest", "markt",
  "wijk", "dorp", "straat", "speel", "plein", "bib", "boek", "lees", "leef", "loon", "inkomen", "toelage",
  "geweld", "partner", "centrum", "sociaal", "welzijn", "vraag", "vragen", "leeg", "stand", "pand",
  "bezoek", "bezoeker", "code", "toegang", "gebouw", "deel", "auto", "trein", "bus", "shuttle",
];

const PARTS = new Set(COMPOUND_PARTS);
/** Linking sounds between compound parts (bewoner-s-kaart, fiets-en-stalling). */
const LINKS = ["", "s", "en", "e"];

/** Lower case, accents removed, spaces collapsed: how queries and keywords are compared. */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Words of a text, normalised; keeps hyphenated words (id-kaart) together. */
export function wordsOf(text: string): string[] {
  return normalize(text).match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) ?? [];
}

/**
 * Splits a compound into known parts (bewonersparkeerkaart → bewoners, parkeer, kaart).
 * Returns [] when the word is not made of at least two known parts.
 */
export function splitCompound(word: string): string[] {
  const w = normalize(word);
  const memo = new Map<number, string[] | null>();
  const from = (i: number): string[] | null => {
    if (i === w.length) return [];
    if (memo.has(i)) return memo.get(i)!;
    let best: string[] | null = null;
    for (let end = w.length; end > i + 2; end--) {
      const part = w.slice(i, end);
      if (!PARTS.has(part)) continue;
      for (const link of LINKS) {
        if (!w.startsWith(link, end)) continue;
        const rest = from(end + link.length);
        if (rest && (!best || rest.length + 1 < best.length)) best = [part, ...rest];
      }
      if (best) break;
    }
    memo.set(i, best);
    return best;
  };
  const parts = from(0);
  return parts && parts.length >= 2 ? parts : [];
}

const SYNONYMS = new Map<string, readonly string[]>();
for (const group of SYNONYM_GROUPS) for (const word of group) SYNONYMS.set(normalize(word), group);

export function synonymsOf(word: string): readonly string[] {
  return SYNONYMS.get(normalize(word))?.filter((w) => w !== normalize(word)) ?? [];
}

/**
 * The extra keywords for an article: its search terms, the parts of every compound and
 * the synonyms of every word in its title, summary, questions and search terms.
 */
export function expandKeywords(input: { title: string; summary: string; questions: string[]; searchTerms: string[] }): string {
  const out = new Set<string>();
  const texts = [input.title, input.summary, ...input.questions, ...input.searchTerms];
  for (const term of input.searchTerms) out.add(normalize(term));
  for (const text of texts) {
    const ws = wordsOf(text);
    // Multi-word synonyms ("zonder kosten", "financiele hulp") match on the phrase.
    const phrase = ` ${ws.join(" ")} `;
    for (const [key, group] of SYNONYMS) if (key.includes(" ") && phrase.includes(` ${key} `)) group.forEach((s) => out.add(normalize(s)));
    for (const w of ws) {
      for (const part of [w, ...w.split("-"), ...splitCompound(w)]) {
        for (const s of synonymsOf(part)) out.add(normalize(s));
        for (const sub of splitCompound(part)) out.add(sub);
      }
    }
  }
  return [...out].join(" ");
}

/** Keeps personal data out of the search log: e-mail addresses and long numbers become placeholders. */
export function scrubQuery(query: string): string {
  return normalize(query)
    .replace(/\S+@\S+/g, "[e-mail]")
    .replace(/\d[\d .\-/]{3,}\d/g, "[nummer]")
    .slice(0, 200);
}
