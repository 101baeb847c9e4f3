/**
 * Search-term enrichment for Mikipedia, applied when an article is saved (architecture §7).
 * PostgreSQL's Dutch stemmer does not split compounds (parkeerkaart) and knows no synonyms
 * (eID / identiteitskaart), so the article's keywords get both, from the lists below.
 * Editors extend these lists; they are plain data on purpose.
 */

/**
 * Words that mean the same to a resident. Every word of a group finds the others, at query
 * time and with less weight than the words the resident typed (search.server.ts), so a
 * group can never pull an article above one that has the resident's own words. Keep groups
 * narrow: one meaning per group ("leefloon" is not "subsidie", though both are money).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["identiteitskaart", "eid", "id-kaart", "identiteitsbewijs", "kids-id"],
  ["renoveren", "renovatie", "verbouwen", "verbouwing", "opknappen", "renovatiebegeleiding"],
  ["isoleren", "isolatie", "dakisolatie"],
  ["internet", "wifi", "wi-fi"],
  ["gratis", "kosteloos", "zonder kosten"],
  ["ruzie", "conflict", "burenruzie", "geschil", "onenigheid"],
  ["bemiddeling", "bemiddelaar", "burenbemiddeling"],
  ["senior", "senioren", "ouderen", "oudere", "gepensioneerd", "65-plusser", "bejaarde", "bejaarden"],
  ["parkeren", "parkeerkaart", "parkeervergunning", "bewonerskaart"],
  ["fiets", "rijwiel", "velo"],
  ["schulden", "schuld", "geldzorgen", "schuldhulp", "afbetaling"],
  ["budget", "budgetbegeleiding", "budgetbeheer"],
  ["financiele hulp", "financiele steun", "geldzorgen"],
  ["leefloon", "bijstand", "uitkering", "leefgeld"],
  ["werk", "job", "werkzoekend", "vacature", "werkloos"],
  ["kinderopvang", "creche", "onthaalouder", "kinderdagverblijf"],
  ["verhuizen", "verhuis", "adreswijziging", "domicilie"],
  ["subsidie", "toelage", "toelagen", "werkingssubsidie"],
  ["premie", "premies", "tegemoetkoming"],
  ["bibliotheek", "bib"],
  ["evenement", "feest", "event", "fuif", "festival"],
  ["vrijwilliger", "vrijwilligerswerk", "vrijwilligers"],
  ["energie", "elektriciteit", "stroom", "energiefactuur"],
  ["jongeren", "jeugd", "tieners", "jongere", "tiener", "adolescent"],
  ["nieuwkomer", "nieuwkomers", "inwijkeling", "anderstalige", "migrant"],
  ["computer", "pc", "laptop", "digipunt"],
  ["attest", "getuigschrift", "uittreksel", "kopie"],
  ["huurwoning", "huurhuis", "appartement"],
  ["verhuurder", "huisbaas", "eigenaar"],
  ["huurwaarborg", "waarborg", "huurgarantie"],
  ["loket", "balie", "onthaal"],
  ["geweld", "partnergeweld", "mishandeling", "intrafamiliaal geweld", "huiselijk geweld"],
  ["sport", "sporten", "bewegen"],
  ["cultuur", "theater", "museum", "concert"],
  ["woonzorgcentrum", "rusthuis", "bejaardentehuis", "verzorgingstehuis"],
  ["psychisch", "psychische", "psychologisch", "psychologische", "psycholoog", "psychiater", "mentaal", "mentale", "geestelijke gezondheid"],
  ["depressie", "depressief", "neerslachtig"],
  ["eenzaam", "eenzaamheid", "vereenzaming"],
  ["dokter", "huisarts", "arts", "geneesheer"],
  ["tandzorg", "tandverzorging", "tandarts", "tandartsen", "mondzorg", "gebit"],
  ["opvoeding", "opvoedingsondersteuning", "opvoedingsvragen", "opvoeden"],
  ["tolk", "vertaler", "tolken", "vertaling"],
  ["dakloos", "thuisloos", "daklozen", "thuislozen"],
  ["lawaai", "geluidsoverlast", "overlast", "herrie"],
  ["rolstoel", "rolwagen", "rollator"],
  ["ticket", "tickets", "kaartje", "kaartjes", "inkom"],
  ["beiaard", "carillon"],
  ["vergeten", "vergeetachtig", "geheugen", "dementie"],
  ["slaan", "slaat", "sloeg", "geslagen", "klappen"],
  ["vereniging", "club", "sportclub", "jeugdbeweging", "vzw"],
  ["openingsuren", "openingstijden", "openingsuur", "terecht"],
  ["kind", "kinderen", "peuter", "kleuter", "baby", "kindje"],
  ["child", "children", "kid", "kids", "toddler"],
  ["enfant", "enfants", "gamin", "gamins"],
];

/**
 * Flemish and everyday words residents type, with the words the articles use. One way only:
 * the article words do not find the dialect word back. Weighs almost as the typed word.
 */
export const EVERYDAY_WORDS: Readonly<Record<string, readonly string[]>> = {
  ambras: ["ruzie", "conflict"],
  gebuur: ["buren", "buur"],
  geburen: ["buren"],
  gebuurs: ["buren"],
  huurbaas: ["verhuurder", "huisbaas"],
  proprietaris: ["verhuurder", "eigenaar"],
  kot: ["kamer", "studentenkamer", "woning"],
  koten: ["kamer", "woning"],
  centen: ["geld"],
  poen: ["geld"],
  frank: ["geld"],
  bomma: ["grootouders", "senioren"],
  bompa: ["grootouders", "senioren"],
  oma: ["grootouders", "senioren"],
  opa: ["grootouders", "senioren"],
  grootmoeder: ["grootouders", "senioren"],
  grootvader: ["grootouders", "senioren"],
  gazet: ["krant"],
  camion: ["vrachtwagen"],
  velo: ["fiets"],
  mutualiteit: ["ziekenfonds"],
  mutuelle: ["ziekenfonds"],
  ocmw: ["sociaal huis"],
  cpas: ["sociaal huis"],
  gsm: ["smartphone", "telefoon"],
  werkloosheid: ["werk", "werkloos"],
  dop: ["werkloos", "werk"],
  stempelen: ["werkloos", "werk"],
  zot: ["psychisch"],
  zenuwen: ["stress", "psychisch"],
  kuisen: ["poetsen"],
  pree: ["ruzie"],
  pleintje: ["speelplein"],
  creche: ["kinderopvang"],
  klap: ["babbel", "praten"],
  bieb: ["bib", "bibliotheek"],
  bibbe: ["bib", "bibliotheek"],
  babbelen: ["babbel", "praten"],
  // People and places around the house, as residents name them.
  buurman: ["buren"],
  buurvrouw: ["buren"],
  buurmeisje: ["buren"],
  buurjongen: ["buren"],
  overbuur: ["buren"],
  overburen: ["buren"],
  puber: ["tieners", "kinderen"],
  pubers: ["tieners", "kinderen"],
  tiener: ["tieners", "jongeren"],
  home: ["rusthuis", "woonzorgcentrum"],
  kinderkribbe: ["kinderopvang"],
  kribbe: ["kinderopvang"],
  onthaalmoeder: ["kinderopvang", "onthaalouder"],
  onthaalmama: ["kinderopvang", "onthaalouder"],
  koer: ["tuin"],
  lawijt: ["lawaai"],
  kabaal: ["lawaai"],
  luid: ["lawaai"],
  luide: ["lawaai"],
  lawaaierig: ["lawaai"],
  // Caring for someone at home.
  verzorg: ["zorgen", "mantelzorg"],
  verzorgt: ["zorgen", "mantelzorg"],
  verzorgen: ["zorgen", "mantelzorg"],
  // English everyday words ("next door" is joined to "nextdoor" like a Dutch compound).
  nextdoor: ["neighbours"],
  arguing: ["argument", "conflict"],
  argue: ["argument", "conflict"],
  argued: ["argument", "conflict"],
  // Losing the home, sleeping rough.
  buitenzetten: ["uithuiszetting"],
  buitengezet: ["uithuiszetting"],
  buitengooien: ["uithuiszetting"],
  buitengegooid: ["uithuiszetting"],
  eruitgezet: ["uithuiszetting"],
  slaapplaats: ["slapen", "opvang"],
  slaapplek: ["slapen", "opvang"],
  // Help at home and money words.
  kuisvrouw: ["poetshulp"],
  poetsvrouw: ["poetshulp"],
  kuishulp: ["poetshulp"],
  ziekenkas: ["ziekenfonds"],
  stempelgeld: ["werkloos", "uitkering"],
  kansentarief: ["korting"],
  dokteur: ["dokter"],
  bureel: ["loket"],
  // French verb forms the stemmer keeps apart from the infinitive the articles use.
  dors: ["dormir"],
  dort: ["dormir"],
  dorment: ["dormir"],
  dormons: ["dormir"],
};

/**
 * Everyday phrases that only say how often or how long ("heel de tijd"): left out of a query
 * like the question words, before it is cut into words.
 */
export const FILLER_PHRASES: Readonly<Record<string, readonly string[]>> = {
  nl: ["heel de tijd", "de hele tijd", "heel de dag", "de hele dag", "heel de nacht", "de hele nacht", "elke dag", "elke nacht", "om de haverklap"],
  en: ["all the time", "all day", "all night", "every day", "every night"],
  fr: ["tout le temps", "toute la journee", "toute la nuit", "tous les jours", "chaque jour", "chaque nuit"],
};

/**
 * Words that only carry the question, not what it is about (besides the stemmer's stop words):
 * question and request words, who the question is for ("mijn vader", "my husband"), how the
 * resident feels and when ("ik voel me", "tonight"). Without them a question as people type
 * it would need every such word in the article before it counts as an answer.
 */
export const QUESTION_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  nl: new Set(
    (
      "aanvragen aanvraag vragen vraag hoe waar wat wie wanneer welke welk waarom kan kun kunt kunnen mag mogen moet moeten wil wilt willen ik mij me mijn u uw we wij ons onze jullie graag iemand iets krijgen krijg krijgt doen doe zoek zoeken zoekt vind vinden nodig hebben heb heeft terecht informatie info meer over iets ergens alstublieft aub pls nog even snel stad mechelen mechels dag hallo goeiedag beste regelen aan te in op bij " +
      "vader moeder papa mama pa ma man vrouw echtgenoot echtgenote zoon dochter broer zus vriend vriendin lief " +
      "voel voelen voelt geraak geraken geraakt kom komen komt gaan ga gaat " +
      "vandaag morgen gisteren nu dringend snel einde maand week jaar elke altijd nooit tips advies " +
      "vannacht vanavond vanochtend vanmorgen straks binnenkort heel hele helemaal echt erg zeer soms " +
      "halen haal haalt maken maak maakt vernieuwen vernieuw verlengen verleng staat staan nergens " +
      "word wordt worden werd geworden gekregen geeft geven gaf terug blijven blijft"
    ).split(" "),
  ),
  en: new Set(
    (
      "apply application request ask how where what who when which why can could may must should want need get getting find do does i me my you your we our please someone something information info about more city mechelen hello hi " +
      "mother mum mom father dad son daughter brother sister husband wife boyfriend girlfriend " +
      "feel feeling feels felt am go going goes wants needs looking look search searching tonight today tomorrow now urgent urgently advice tips options opportunities possible " +
      "cant dont wont doesnt isnt im ive really very always never renew renewing file filing lodge submit run runs keep keeps kept people"
    ).split(" "),
  ),
  fr: new Set(
    (
      "demander demande comment ou quoi qui quand quel quelle quels quelles pourquoi peux peut puis pouvoir dois doit devoir veux voudrais vouloir besoin avoir obtenir trouver faire je j me mon ma mes vous votre vos nous notre svp plait quelqu quelque chose information informations info plus ville malines mechelen bonjour " +
      "mari femme mere pere fils fille frere soeur maman papa copain copine " +
      "sens sentir sent suis ai cherche cherches chercher cherchons aujourd hui soir demain maintenant urgent urgence conseil conseils astuces " +
      "faut veut peut-on est-ce toujours jamais vraiment tres renouveler ne pas plus"
    ).split(" "),
  ),
};

/** French nouns that name a document or place with "de" ("permis de conduire", "acte de naissance"). */
export const FRENCH_NAME_HEADS: ReadonlySet<string> = new Set(
  "acte actes attestation carte cartes certificat certificats changement composition declaration extrait extraits livret maison permis plaque registre taxe".split(" "),
);

/** Word parts that Dutch glues together. Longest parts are tried first. */
export const COMPOUND_PARTS: readonly string[] = [
  "parkeer",
  "kaart",
  "bewoner",
  "bewoners",
  "fiets",
  "fietsen",
  "stalling",
  "buren",
  "buurt",
  "bemiddeling",
  "energie",
  "lening",
  "punt",
  "vrije",
  "tijd",
  "balie",
  "identiteit",
  "huis",
  "kind",
  "kinder",
  "opvang",
  "budget",
  "begeleiding",
  "renovatie",
  "coach",
  "huur",
  "woning",
  "senioren",
  "info",
  "lijn",
  "digi",
  "vrijwilliger",
  "werk",
  "subsidie",
  "klimaat",
  "sport",
  "school",
  "jongeren",
  "raad",
  "loket",
  "stad",
  "evenement",
  "burger",
  "zaken",
  "verhuis",
  "adres",
  "wijziging",
  "afval",
  "container",
  "park",
  "plaats",
  "vergunning",
  "bouw",
  "aanvraag",
  "geboorte",
  "akte",
  "uittreksel",
  "rijbewijs",
  "reis",
  "pas",
  "uit",
  "kunst",
  "onderwijs",
  "muziek",
  "dementie",
  "vriendelijk",
  "thuis",
  "zorg",
  "hulp",
  "dienst",
  "gezin",
  "ouder",
  "ouderen",
  "schuld",
  "factuur",
  "premie",
  "dak",
  "isolatie",
  "gas",
  "stroom",
  "wifi",
  "internet",
  "computer",
  "les",
  "taal",
  "nieuwkomer",
  "inburgering",
  "vereniging",
  "feest",
  "markt",
  "wijk",
  "dorp",
  "straat",
  "speel",
  "plein",
  "bib",
  "boek",
  "lees",
  "leef",
  "loon",
  "inkomen",
  "toelage",
  "geweld",
  "partner",
  "centrum",
  "sociaal",
  "welzijn",
  "vraag",
  "vragen",
  "leeg",
  "stand",
  "pand",
  "bezoek",
  "bezoeker",
  "code",
  "toegang",
  "gebouw",
  "deel",
  "auto",
  "trein",
  "bus",
  "shuttle",
  "waarborg",
  "opvoeding",
  "ondersteuning",
  "rust",
  "baas",
  "vraag",
  "gezondheid",
  "psychisch",
  "zorg",
  "woon",
];

const PARTS = new Set(COMPOUND_PARTS);
/** Linking sounds between compound parts (bewoner-s-kaart, fiets-en-stalling). */
const LINKS = ["", "s", "en", "e"];

/** Lower case, accents removed, spaces collapsed: how queries and keywords are compared. */
export function normalize(text: string): string {
  return (
    text
      .normalize("NFD")
      // Every combining mark: Latin accents, and the Arabic short vowels residents rarely type.
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Words of a text, normalised; keeps hyphenated words (id-kaart) together. */
export function wordsOf(text: string): string[] {
  // Letters of every script (Arabic, Turkish ı), not only a–z: the courtesy languages are searched too.
  return normalize(text).match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
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
 * The extra keywords for an article: its search terms and the parts of every compound in its
 * title, summary, questions and search terms. Synonyms are not added here any more: they are
 * expanded at query time with less weight than the typed words (search.server.ts), so an
 * article about "steun" for clubs no longer holds the word "leefloon" as if it were its own.
 */
export function expandKeywords(input: { title: string; summary: string; questions: string[]; searchTerms: string[] }): string {
  const out = new Set<string>();
  const texts = [input.title, input.summary, ...input.questions, ...input.searchTerms];
  for (const term of input.searchTerms) out.add(normalize(term));
  for (const text of texts) {
    for (const w of wordsOf(text)) {
      for (const part of [w, ...w.split("-"), ...splitCompound(w)]) {
        for (const sub of splitCompound(part)) out.add(sub);
      }
    }
  }
  return [...out].join(" ");
}

/** The everyday or Flemish word's standard words (ambras → ruzie), or []. */
export function everydayOf(word: string): readonly string[] {
  return EVERYDAY_WORDS[normalize(word)] ?? [];
}

/** The query without the filler phrases of its language ("heel de tijd"). */
export function withoutFillers(query: string, language: string): string {
  let out = ` ${normalize(query).replace(/[^\p{L}\p{N}-]+/gu, " ")} `;
  for (const phrase of FILLER_PHRASES[language] ?? []) out = out.split(` ${phrase} `).join(" ");
  return out.trim();
}

/** Whether a word only carries the question ("hoe", "aanvragen") in that language. */
export function isQuestionWord(word: string, language: string): boolean {
  return QUESTION_WORDS[language]?.has(normalize(word)) ?? false;
}

/** Keeps personal data out of the search log: e-mail addresses and long numbers become placeholders. */
export function scrubQuery(query: string): string {
  return normalize(query)
    .replace(/\S+@\S+/g, "[e-mail]")
    .replace(/\d[\d .\-/]{3,}\d/g, "[nummer]")
    .slice(0, 200);
}
