/**
 * Readability helpers for Dutch (B1) plain-language content.
 *
 * Pure TypeScript: no Node-only APIs and no dependencies, so the module runs
 * on the server, in the browser and in tests alike.
 *
 * Flesch-Douma (Douma 1960, Dutch adaptation of Flesch Reading Ease):
 *
 *   206.84 − 0.77 × (syllables per 100 words) − 0.93 × (average words per sentence)
 *
 * Rough guide: ≥ 60 is fairly easy (B1 target), ≥ 70 is easy.
 *
 * Definitions used by `readability()`:
 * - a *long word* has 4 or more syllables (Dutch compounds such as
 *   "bewonersparkeerkaart" are the usual reason a text feels hard);
 * - a *long sentence* has more than 25 words.
 */

/** A function that splits one word into syllable-like parts (e.g. a hyphenator). */
export type SyllableSplitter = (word: string) => string[];

export interface ReadabilityResult {
  /** Flesch-Douma reading ease, rounded to one decimal. 0 when the text has no words. */
  fleschDouma: number;
  words: number;
  sentences: number;
  syllables: number;
  /** Average number of words per sentence, rounded to two decimals. */
  avgSentenceLength: number;
  /** Share (0..1, two decimals) of words with 4 or more syllables. */
  longWordShare: number;
  /** Number of words in the longest sentence. */
  longestSentenceWords: number;
  /** Sentences with more than 25 words, in order of appearance. */
  longSentences: string[];
}

export interface ReadabilityOptions {
  /** Optional custom syllable counter, e.g. one backed by hyphenation patterns. */
  countSyllables?: (word: string) => number;
}

export const LONG_WORD_SYLLABLES = 4;
export const LONG_SENTENCE_WORDS = 25;

// ---------------------------------------------------------------------------
// Syllables
// ---------------------------------------------------------------------------

/** Vowel sequences that form a single syllable nucleus in Dutch, longest first. */
const NUCLEI: readonly string[] = [
  "eeuw", // handled as "eeu" + w, kept for clarity of intent
  "eau",
  "ieu",
  "oei",
  "aai",
  "ooi",
  "eeu",
  "aa",
  "ee",
  "oo",
  "uu",
  "ie",
  "oe",
  "eu",
  "ui",
  "ei",
  "ij",
  "ou",
  "au",
  // Mostly loanwords, but reliably one syllable in Dutch usage:
  "ai", // mail, detail, trainer
  "ay", // okay, display
  "ey", // hockey
  "oy", // cowboy
].filter((n) => n !== "eeuw");

const PLAIN_VOWELS = "aeiouy";

/** Accented vowels that do not split: map to their base vowel. */
const ACCENT_MAP: Record<string, string> = {
  á: "a",
  à: "a",
  â: "a",
  é: "e",
  è: "e",
  ê: "e",
  í: "i",
  ì: "i",
  î: "i",
  ó: "o",
  ò: "o",
  ô: "o",
  ú: "u",
  ù: "u",
  û: "u",
  ý: "y",
};

/** Vowels with a trema (diaeresis): they always start a new syllable. */
const TREMA_MAP: Record<string, string> = {
  ä: "a",
  ë: "e",
  ï: "i",
  ö: "o",
  ü: "u",
  ÿ: "y",
};

/**
 * Whole words whose pronunciation differs from their spelling (mostly
 * English loanwords with a silent final e). Keys are lower case.
 */
const SYLLABLE_EXCEPTIONS: Record<string, number> = {
  website: 2,
  websites: 2,
  online: 2,
  offline: 2,
  service: 2,
  services: 3,
  care: 1,
  team: 1,
  teams: 1,
  date: 1,
  update: 2,
  updates: 2,
  software: 2,
  hardware: 2,
  timing: 2,
  live: 1,
  file: 1,
  files: 1,
  smartphone: 2,
  smartphones: 2,
  iphone: 2,
  museum: 3,
  musea: 3,
  jubileum: 4,
  petroleum: 4,
  lyceum: 3,
};

const DUTCH_UNITS = [
  "nul",
  "een",
  "twee",
  "drie",
  "vier",
  "vijf",
  "zes",
  "zeven",
  "acht",
  "negen",
  "tien",
  "elf",
  "twaalf",
  "dertien",
  "veertien",
  "vijftien",
  "zestien",
  "zeventien",
  "achttien",
  "negentien",
];
const DUTCH_TENS = ["", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"];

/** Dutch words for an integer 0..999 999 (spelling as read aloud). */
function dutchNumberWords(n: number): string {
  if (n < 20) return DUTCH_UNITS[n] ?? "";
  if (n < 100) {
    const tens = Math.floor(n / 10);
    const unit = n % 10;
    const tensWord = DUTCH_TENS[tens] ?? "";
    return unit === 0 ? tensWord : `${DUTCH_UNITS[unit]}en${tensWord}`;
  }
  if (n < 1000) {
    const hundreds = Math.floor(n / 100);
    const rest = n % 100;
    const head = hundreds === 1 ? "honderd" : `${DUTCH_UNITS[hundreds]}honderd`;
    return rest === 0 ? head : `${head} ${dutchNumberWords(rest)}`;
  }
  // Years such as 2018 are read as "tweeduizend achttien"; 1990 is commonly
  // read as "negentienhonderd negentig": both have similar syllable counts.
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 1 ? "duizend" : `${dutchNumberWords(thousands)}duizend`;
  return rest === 0 ? head : `${head} ${dutchNumberWords(rest)}`;
}

/** Syllables of a run of digits, as a Dutch reader would say it. */
function countDigitSyllables(digits: string): number {
  if (digits.length === 0) return 0;
  // Leading zero (0800, 015 ...) or very long runs (phone numbers): digit by digit.
  if ((digits.length > 1 && digits.startsWith("0")) || digits.length > 6) {
    let total = 0;
    for (const d of digits) total += countLetterSyllables(DUTCH_UNITS[Number(d)] ?? "");
    return total;
  }
  const words = dutchNumberWords(Number(digits));
  return words.split(" ").reduce((sum, w) => sum + countLetterSyllables(w), 0);
}

/** Core vowel-group counter for a lower-case run of letters (no digits). */
function countLetterSyllables(word: string): number {
  if (word.length === 0) return 0;
  const exception = SYLLABLE_EXCEPTIONS[word];
  if (exception !== undefined) return exception;

  // Normalise: accents that do not split become plain vowels; a trema vowel
  // becomes a plain vowel marked with a leading "|" (forced syllable break).
  let s = "";
  for (const ch of word) {
    if (ACCENT_MAP[ch]) s += ACCENT_MAP[ch];
    else if (TREMA_MAP[ch]) s += `|${TREMA_MAP[ch]}`;
    else s += ch;
  }

  let count = 0;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch === "|") {
      // Trema: the next vowel starts a new nucleus, which may still be a
      // digraph ("reëel" → re|eel).
      i += 1;
      continue;
    }
    const isVowel = PLAIN_VOWELS.includes(ch);
    // "y" at the start of a word, before a vowel, is a consonant (yoga).
    const yConsonant = ch === "y" && i === 0 && PLAIN_VOWELS.includes(s[i + 1] ?? "");
    if (!isVowel || yConsonant) {
      i += 1;
      continue;
    }
    // Longest matching nucleus that is not interrupted by a trema mark.
    let len = 1;
    for (const nucleus of NUCLEI) {
      if (s.startsWith(nucleus, i)) {
        len = nucleus.length;
        break;
      }
    }
    count += 1;
    i += len;
  }
  return count;
}

/** Acronym written in capitals (VDAB, OCMW, QR, ICT): read letter by letter. */
function isSpelledAcronym(raw: string): boolean {
  if (raw.length < 2 || raw.length > 6) return false;
  if (raw !== raw.toUpperCase() || raw === raw.toLowerCase()) return false;
  const letters = raw.toLowerCase().replace(/[^a-z]/g, "");
  if (letters.length !== raw.length) return false;
  const vowels = letters.replace(/[^aeiouy]/g, "").length;
  const consonants = letters.length - vowels;
  return vowels === 0 || (letters.length <= 4 && consonants >= letters.length - 1);
}

/**
 * Count the syllables of one Dutch word.
 *
 * Vowel-group based: every maximal vowel nucleus counts once, where Dutch
 * digraphs and triphthongs (aa, ee, oo, uu, ie, oe, eu, ui, ei, ij, ou, au,
 * eau, ieu, oei, aai, ooi, eeu) form a single nucleus and a trema (ë, ï, ü,
 * ö, ä) always starts a new one (ruïne = 3, geïnteresseerd = 5). Accents
 * such as é only mark stress (één = 1, café = 2). "y" counts as a vowel.
 * Digits are read as Dutch number words (2018 = 5, 25 = 4); a number with a
 * leading zero is read digit by digit (0800 = 4). Acronyms in capitals with
 * few vowels are spelled (VDAB = 4). Hyphenated words add up their parts.
 * Every word with at least one letter or digit counts as 1 or more.
 */
export function countSyllablesNl(word: string): number {
  const trimmed = word.trim();
  if (trimmed.length === 0) return 0;

  const lower = trimmed.toLowerCase();
  const whole = SYLLABLE_EXCEPTIONS[lower.replace(/[^\p{L}]/gu, "")];
  if (whole !== undefined && !/\d/.test(lower)) return whole;

  let total = 0;
  // Split into letter runs and digit runs; punctuation (hyphens, apostrophes,
  // dots) separates the parts, which are counted one by one (QR-code = 2 + 2).
  const parts = trimmed.match(/\p{L}+|\p{N}+/gu) ?? [];
  for (const part of parts) {
    if (/^\p{N}+$/u.test(part)) total += countDigitSyllables(part.replace(/\D/g, ""));
    else if (isSpelledAcronym(part)) total += part.length;
    else total += countLetterSyllables(part.toLowerCase());
  }
  const hasContent = parts.length > 0;
  return hasContent ? Math.max(1, total) : 0;
}

/**
 * Build a syllable counter from a hyphenation function (for example one based
 * on TeX patterns). The result is never lower than 1 for a real word.
 */
export function syllableCounterFromSplitter(split: SyllableSplitter): (word: string) => number {
  return (word: string) => {
    const parts = split(word).filter((p) => /[\p{L}\p{N}]/u.test(p));
    if (parts.length === 0) return /[\p{L}\p{N}]/u.test(word) ? 1 : 0;
    return parts.length;
  };
}

// ---------------------------------------------------------------------------
// Words and sentences
// ---------------------------------------------------------------------------

const WORD_RE = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

/**
 * Words of a text: runs of letters and digits, keeping internal hyphens,
 * apostrophes and dots (e-mail, 's-Hertogenbosch, 1.500, o.a.) together.
 */
export function words(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

/** Abbreviations (lower case, without the final dot) that do not end a sentence. */
const ABBREVIATIONS = new Set([
  "bv",
  "bijv",
  "bvb",
  "vb",
  "o.a",
  "d.w.z",
  "m.b.t",
  "i.s.m",
  "t.o.v",
  "o.b.v",
  "i.v.m",
  "e.d",
  "e.a",
  "cf",
  "vgl",
  "ca",
  "nr",
  "tel",
  "dhr",
  "mevr",
  "mr",
  "dr",
  "prof",
  "st",
  "incl",
  "excl",
  "max",
  "min",
  "ong",
  "resp",
  "evt",
  "zgn",
  "m.a.w",
  "a.u.b",
  "p",
  "blz",
  "art",
  "vs",
  "z.o.z",
  "t.a.v",
  "i.p.v",
  "b.v",
  "e.g",
  "i.e",
  "mr",
  "mrs",
  "ms",
  "etc",
  "enz",
]);

/** Abbreviations that may also close a sentence when a capital follows. */
const TERMINAL_ABBREVIATIONS = new Set(["enz", "etc"]);

/**
 * Split a text into sentences.
 *
 * A sentence ends at ".", "!", "?" or "…" followed by white space (or the end
 * of the text), and at every blank line. A dot after a known abbreviation
 * ("bv.", "o.a.", "d.w.z.", "nr.") or after a single letter ("A. Peeters")
 * does not end a sentence, except "enz." / "etc." before a capital letter.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const blocks = text.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n+/);
  for (const block of blocks) {
    const flat = block.replace(/\s+/g, " ").trim();
    if (flat.length === 0) continue;
    let start = 0;
    const re = /[.!?…]+["'’”)\]]*(?=\s|$)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(flat)) !== null) {
      const end = m.index + m[0].length;
      const punct = m[0];
      if (punct.startsWith(".") && punct.replace(/["'’”)\]]+$/, "") === ".") {
        const before = flat.slice(start, m.index);
        const lastToken = (before.split(" ").pop() ?? "").replace(/^[("'‘“[]+/, "");
        const key = lastToken.toLowerCase();
        const rest = flat.slice(end).trimStart();
        const nextIsCapital = /^[\p{Lu}]/u.test(rest);
        const isAbbrev =
          ABBREVIATIONS.has(key) ||
          /^(?:\p{L}\.)+\p{L}$/u.test(key) || // o.a / d.w.z style (final dot consumed)
          /^\p{Lu}$/u.test(lastToken); // initial: "A. Peeters"
        if (isAbbrev && rest.length > 0 && !(TERMINAL_ABBREVIATIONS.has(key) && nextIsCapital)) {
          continue;
        }
      }
      const sentence = flat.slice(start, end).trim();
      if (words(sentence).length > 0) sentences.push(sentence);
      start = end;
    }
    const tail = flat.slice(start).trim();
    if (words(tail).length > 0) sentences.push(tail);
  }
  return sentences;
}

// ---------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------

function endSentence(line: string): string {
  const t = line.trim();
  if (t.length === 0) return t;
  if (/[.!?…]["'’”)\]]*$/.test(t)) return t;
  return `${t.replace(/[:;,]+$/, "")}.`;
}

function stripInline(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images → alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1") // links → text
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1") // reference links
    .replace(/<https?:\/\/[^>]+>/g, (m) => m.slice(1, -1))
    .replace(/<[^>]+>/g, "") // html tags
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^\p{L}\p{N}])[*_]([^*_]+?)[*_](?=[^\p{L}\p{N}]|$)/gu, "$1$2")
    .replace(/~~(.+?)~~/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, "$1");
}

/**
 * Convert Markdown to plain text for readability scoring.
 *
 * Strips YAML front matter, code fences, heading and list markers, block
 * quotes, links (the link text stays), images, emphasis and HTML. Every
 * heading, list item and table row becomes its own sentence: a "." is added
 * when it does not already end with ".", "!", "?" or "…". Paragraphs are
 * separated by blank lines, which also end a sentence.
 */
export function markdownToPlainText(md: string): string {
  let text = md.replace(/\r\n?/g, "\n");
  // Front matter only at the very start.
  text = text.replace(/^\uFEFF?---\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/, "");
  // Fenced code blocks are not prose.
  text = text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?\n\1[ \t]*$/gm, "");

  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) {
      out.push(endSentence(paragraph.join(" ")));
      paragraph = [];
    }
  };

  for (const rawLine of text.split("\n")) {
    const line = rawLine.replace(/\s+$/, "");
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush(); // horizontal rule
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) continue; // table separator
    const heading = line.match(/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/);
    if (heading) {
      flush();
      out.push(endSentence(stripInline(heading[1] ?? "")));
      continue;
    }
    const unquoted = line.replace(/^\s*(>\s?)+/, "");
    const item = unquoted.match(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/);
    if (item) {
      flush();
      out.push(endSentence(stripInline(item[1] ?? "")));
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(unquoted)) {
      flush();
      const cells = unquoted
        .split("|")
        .map((c) => stripInline(c).trim())
        .filter(Boolean);
      if (cells.length > 0) out.push(endSentence(cells.join(", ")));
      continue;
    }
    // Setext heading underline.
    if (/^\s*(=+|-+)\s*$/.test(unquoted) && paragraph.length > 0) {
      flush();
      continue;
    }
    paragraph.push(stripInline(unquoted.trim()));
  }
  flush();
  return out.filter((l) => l.length > 0).join("\n\n");
}

// ---------------------------------------------------------------------------
// Score
// ---------------------------------------------------------------------------

const round = (n: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** Flesch-Douma score from raw counts. */
export function fleschDouma(wordCount: number, sentenceCount: number, syllableCount: number): number {
  if (wordCount === 0 || sentenceCount === 0) return 0;
  const syllablesPer100Words = (syllableCount / wordCount) * 100;
  const wordsPerSentence = wordCount / sentenceCount;
  return 206.84 - 0.77 * syllablesPer100Words - 0.93 * wordsPerSentence;
}

/**
 * Readability statistics for a plain text (use `markdownToPlainText` first
 * for Markdown). Long word: ≥ 4 syllables. Long sentence: > 25 words.
 */
export function readability(text: string, options: ReadabilityOptions = {}): ReadabilityResult {
  const count = options.countSyllables ?? countSyllablesNl;
  const sentenceList = splitSentences(text);
  let wordCount = 0;
  let syllableCount = 0;
  let longWords = 0;
  let longest = 0;
  const longSentences: string[] = [];

  for (const sentence of sentenceList) {
    const ws = words(sentence);
    wordCount += ws.length;
    longest = Math.max(longest, ws.length);
    if (ws.length > LONG_SENTENCE_WORDS) longSentences.push(sentence);
    for (const w of ws) {
      const syl = count(w);
      syllableCount += syl;
      if (syl >= LONG_WORD_SYLLABLES) longWords += 1;
    }
  }

  const sentences = sentenceList.length;
  return {
    fleschDouma: round(fleschDouma(wordCount, sentences, syllableCount), 1),
    words: wordCount,
    sentences,
    syllables: syllableCount,
    avgSentenceLength: sentences === 0 ? 0 : round(wordCount / sentences, 2),
    longWordShare: wordCount === 0 ? 0 : round(longWords / wordCount, 2),
    longestSentenceWords: longest,
    longSentences,
  };
}
