import { COMPOUND_PARTS, everydayOf, FRENCH_NAME_HEADS, isQuestionWord, normalize, splitCompound, synonymsOf, withoutFillers, wordsOf } from "./search-terms";

/**
 * A resident's query as "concepts": one per content word (question words such as "hoe" or
 * "aanvragen" and loose numbers left out), each with the forms that count as that word in an
 * article and how much each form counts (its credit):
 *
 * - the word as typed: 1 (the stemmer makes "parkeerkaarten" match "parkeerkaart");
 * - two typed words that belong together ("rust huis" → "rusthuis"): 1, and both words: 0.9;
 * - a Flemish or everyday word's standard words ("ambras" → "ruzie"): 0.9;
 * - the parts of a compound ("huurwaarborg" → huur + waarborg), all present: 0.85;
 * - a synonym from the editors' groups: 0.7, so a synonym never outweighs the typed word;
 * - the start of a long word ("psycholoog" → psycholog*): 0.6;
 * - one known part of a compound whose other part the articles do not use
 *   ("rolstoelgebruikers" → rolstoel): 0.45, below the relevance threshold on its own, so
 *   "identiteitskaart" alone never answers with an article about a parking "kaart".
 *
 * Pure code: search.server.ts turns the concepts into PostgreSQL tsqueries.
 */
export type Form = { parts: string[]; prefix?: boolean; credit: number };
export type Concept = { word: string; forms: Form[] };

export const CREDIT = { typed: 1, joined: 0.9, everyday: 0.9, compound: 0.85, synonym: 0.7, prefix: 0.6, part: 0.45 } as const;

const PARTS = new Set(COMPOUND_PARTS);
const LINKS = ["", "s", "e", "en"];
const MAX_CONCEPTS = 8;

const partsOf = (phrase: string) =>
  wordsOf(phrase)
    .flatMap((w) => w.split("-"))
    .filter(Boolean);

/**
 * Splits a Dutch compound into two words the articles use ("opvoedingsondersteuning" →
 * opvoeding + ondersteuning), with a linking s, e or en between them; the most even split
 * wins. Falls back to the editors' list of compound parts.
 */
export function splitByVocabulary(word: string, vocabulary: ReadonlySet<string>): string[] {
  const known = (w: string) => w.length >= 3 && (vocabulary.has(w) || PARTS.has(w));
  let best: string[] = [];
  let bestScore = 0;
  for (let i = 3; i <= word.length - 3; i++) {
    const left = word.slice(0, i);
    if (!known(left)) continue;
    for (const link of LINKS) {
      if (!word.startsWith(link, i)) continue;
      const right = word.slice(i + link.length);
      if (!known(right)) continue;
      const score = Math.min(left.length, right.length);
      if (score > bestScore) {
        best = [left, right];
        bestScore = score;
      }
    }
  }
  if (best.length) return best;
  return splitCompound(word);
}

/**
 * The longest known start and end of a long word (at least 5 letters, leaving at least 3):
 * "rolstoelgebruikers" → rolstoel. Known: a word the articles use (not merely an editors'
 * compound part: those include "reis" or "geboorte", which no article answers).
 */
const NOT_A_PART = new Set(["onder", "boven", "voor", "over", "door", "naar", "tegen", "zonder", "achter", "buiten", "binnen", "uit", "mee", "terug"]);
export function knownParts(word: string, vocabulary: ReadonlySet<string>, language = "nl"): string[] {
  const known = (w: string) => w.length >= 5 && !NOT_A_PART.has(w) && !isQuestionWord(w, language) && vocabulary.has(w);
  const out: string[] = [];
  for (let i = word.length - 3; i >= 5; i--) {
    if (known(word.slice(0, i))) {
      out.push(word.slice(0, i));
      break;
    }
  }
  for (let i = 3; i <= word.length - 5; i++) {
    if (known(word.slice(i))) {
      out.push(word.slice(i));
      break;
    }
  }
  return out;
}

function formsOf(word: string, language: string, vocabulary: ReadonlySet<string>): Form[] {
  const forms: Form[] = [{ parts: partsOf(word), credit: CREDIT.typed }];
  for (const e of everydayOf(word)) forms.push({ parts: partsOf(e), credit: CREDIT.everyday });
  if (language === "nl" && word.length >= 7 && !word.includes("-")) {
    const parts = splitByVocabulary(word, vocabulary);
    if (parts.length >= 2) {
      forms.push({ parts, credit: CREDIT.compound });
      // The compound's own synonyms through its head ("huurwaarborg" → "waarborg" group).
      for (const s of synonymsOf(parts[parts.length - 1])) forms.push({ parts: partsOf(s), credit: CREDIT.synonym });
    }
    for (const part of knownParts(word, vocabulary, language)) forms.push({ parts: [part], credit: CREDIT.part });
  }
  for (const s of [...synonymsOf(word), ...everydayOf(word).flatMap((e) => synonymsOf(e))]) forms.push({ parts: partsOf(s), credit: CREDIT.synonym });
  if (word.length >= 7 && !word.includes("-")) forms.push({ parts: [word], prefix: true, credit: CREDIT.prefix });
  // One form per distinct word list, with its highest credit.
  const seen = new Map<string, Form>();
  for (const f of forms.filter((f) => f.parts.length)) {
    const key = `${f.parts.join(" ")}${f.prefix ? "*" : ""}`;
    if (!seen.has(key) || seen.get(key)!.credit < f.credit) seen.set(key, f);
  }
  return [...seen.values()];
}

const FRENCH_LINKS = new Set(["de", "du", "des", "d"]);

/** The concepts of a query (see above); [] when it holds only question words. */
export function analyzeQuery(query: string, language: string, vocabulary: ReadonlySet<string> = new Set()): Concept[] {
  // One letter is an elision ("d'alzheimer", "l'école") or a typo, never what the question is about.
  const content = (w: string | undefined): w is string => !!w && w.length > 2 && !/^\d+$/.test(w) && !isQuestionWord(w, language);
  const raw = wordsOf(withoutFillers(query, language));
  const concepts: Concept[] = [];
  // French names a document or place with "de" where Dutch glues a compound ("permis de
  // conduire" = rijbewijs, "maison de repos" = rusthuis): such a name, after one of the head
  // nouns in FRENCH_NAME_HEADS, is one concept with both words needed, so "permis de
  // conduire" does not answer with any article that merely says "conduire".
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const [w, link, x] = [raw[i], raw[i + 1], raw[i + 2]];
    if (language === "fr" && FRENCH_NAME_HEADS.has(w) && link && FRENCH_LINKS.has(link) && content(x)) {
      concepts.push({ word: `${w} ${x}`, forms: [{ parts: [w, x], credit: CREDIT.typed }] });
      i += 2;
      continue;
    }
    kept.push(w);
  }
  const words = kept.filter((w) => w.length > 1 && !/^\d+$/.test(w) && !isQuestionWord(w, language));
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    // Two words that the articles (or the synonym lists) write as one: "rust huis" → "rusthuis".
    if (next) {
      const joined = w + next;
      if (vocabulary.has(joined) || synonymsOf(joined).length || everydayOf(joined).length) {
        const forms = formsOf(joined, language, vocabulary);
        forms.push({ parts: [...partsOf(w), ...partsOf(next)], credit: CREDIT.joined });
        concepts.push({ word: joined, forms });
        i++;
        continue;
      }
    }
    if (concepts.some((c) => c.word === w)) continue;
    concepts.push({ word: w, forms: formsOf(w, language, vocabulary) });
  }
  return concepts.slice(0, MAX_CONCEPTS);
}

/** BM25's idf: how much finding a word says, from the number of articles that hold it. */
export function idf(documentFrequency: number, documents: number): number {
  const n = Math.max(documents, 1);
  const df = Math.min(documentFrequency, n);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export { normalize };
