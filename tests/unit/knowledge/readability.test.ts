import { describe, it, expect } from "vitest";
import { countSyllablesNl, splitSentences, words, readability, markdownToPlainText, syllableCounterFromSplitter, fleschDouma } from "../../../app/modules/knowledge/readability";

describe("countSyllablesNl", () => {
  // Counted by hand (spoken syllables).
  const cases: Array<[string, number]> = [
    ["gemeente", 3], // ge-meen-te
    ["fietsenstalling", 4], // fiet-sen-stal-ling
    ["bewonerskaart", 4], // be-wo-ners-kaart
    ["ruïne", 3], // ru-ï-ne
    ["geïnteresseerd", 5], // ge-ïn-te-res-seerd
    ["vrijwilliger", 4], // vrij-wil-li-ger
    ["huis", 1],
    ["mooie", 2], // mooi-e
    ["mooi", 1],
    ["sociaal", 3], // so-ci-aal
    ["bibliotheek", 4], // bi-bli-o-theek
    ["senioren", 4], // se-ni-o-ren
    ["burenbemiddeling", 6], // bu-ren-be-mid-de-ling
    ["vrijetijdsbalie", 5], // vrij-e-tijds-ba-lie
    ["ideeën", 3], // i-dee-ën
    ["België", 3], // Bel-gi-ë
    ["coöperatie", 5], // co-ö-pe-ra-tie
    ["één", 1],
    ["café", 2],
    ["nieuw", 1],
    ["eeuw", 1],
    ["groei", 1],
    ["draaien", 2], // draai-en
    ["koeien", 2], // koei-en
    ["beau", 1],
    ["politie", 3], // po-li-tie
    ["theater", 3], // the-a-ter
    ["radio", 3], // ra-di-o
    ["milieu", 2], // mi-lieu
    ["museum", 3], // mu-se-um (exception)
    ["over", 2],
    ["idee", 2],
    ["baby", 2], // y as a vowel
    ["yoga", 2], // initial y before a vowel is a consonant
    ["UiTPAS", 2], // uit-pas
    ["VDAB", 4], // spelled: vee-dee-aa-bee
    ["QR-code", 4], // ku-er-co-de
    ["e-mail", 2],
    ["website", 2], // loanword exception
    ["2018", 5], // twee-dui-zend-acht-tien
    ["25", 4], // vijf-en-twin-tig
    ["0800", 4], // nul-acht-nul-nul
    ["'t", 1],
  ];
  it.each(cases)("%s has %i syllables", (word, expected) => {
    expect(countSyllablesNl(word)).toBe(expected);
  });

  it("returns 0 for empty input and punctuation", () => {
    expect(countSyllablesNl("")).toBe(0);
    expect(countSyllablesNl("  ")).toBe(0);
    expect(countSyllablesNl("—")).toBe(0);
  });

  it("counts at least one syllable for a word without vowels", () => {
    expect(countSyllablesNl("st")).toBe(1);
  });
});

describe("syllableCounterFromSplitter", () => {
  it("counts the parts of an injected hyphenation function", () => {
    const count = syllableCounterFromSplitter((w) => w.split("-"));
    expect(count("ge-meen-te")).toBe(3);
    expect(count("huis")).toBe(1);
  });
});

describe("words", () => {
  it("keeps hyphenated words and numbers together and drops punctuation", () => {
    expect(words("Stuur een e-mail, bv. in 2018!")).toEqual(["Stuur", "een", "e-mail", "bv", "in", "2018"]);
  });
});

describe("splitSentences", () => {
  it("splits on . ! and ?", () => {
    expect(splitSentences("Dit is een zin. Is dit een vraag? Ja! Klaar.")).toEqual(["Dit is een zin.", "Is dit een vraag?", "Ja!", "Klaar."]);
  });

  it("does not split after abbreviations like bv. and o.a.", () => {
    expect(splitSentences("U kunt bv. langskomen. Er zijn o.a. loketten en een website. Dat is alles.")).toEqual([
      "U kunt bv. langskomen.",
      "Er zijn o.a. loketten en een website.",
      "Dat is alles.",
    ]);
  });

  it("does not split after d.w.z., t.o.v. or an initial", () => {
    expect(splitSentences("Dat is d.w.z. gratis t.o.v. vroeger. Vraag het aan A. Peeters.")).toHaveLength(2);
  });

  it("ends a sentence at a blank line even without punctuation", () => {
    expect(splitSentences("Een kop zonder punt\n\nEen gewone zin.")).toEqual(["Een kop zonder punt", "Een gewone zin."]);
  });
});

describe("markdownToPlainText", () => {
  const md = [
    "---",
    "slug: test",
    'title: "Test?"',
    "---",
    "Eerste zin met een [link](https://www.mechelen.be) en **vet** en _schuin_.",
    "",
    "## Wat heeft u nodig?",
    "- uw identiteitskaart",
    "- een bewijs van adres",
    "",
    "### Kop zonder leesteken",
    "1. Ga naar het loket",
  ].join("\n");

  it("strips front matter, markers, links and emphasis", () => {
    const plain = markdownToPlainText(md);
    expect(plain).not.toContain("slug:");
    expect(plain).not.toContain("#");
    expect(plain).not.toContain("**");
    expect(plain).not.toContain("](");
    expect(plain).toContain("Eerste zin met een link en vet en schuin.");
  });

  it("turns every heading and list item into its own sentence", () => {
    expect(splitSentences(markdownToPlainText(md))).toEqual([
      "Eerste zin met een link en vet en schuin.",
      "Wat heeft u nodig?",
      "uw identiteitskaart.",
      "een bewijs van adres.",
      "Kop zonder leesteken.",
      "Ga naar het loket.",
    ]);
  });
});

describe("readability", () => {
  it("computes Flesch-Douma for a short text (checked by hand)", () => {
    // Sentence 1: De(1) ge-meen-te(3) helpt(1) u(1) graag(1) = 5 words, 7 syllables
    // Sentence 2: U kunt een vraag stel-len aan het lo-ket = 8 words, 10 syllables
    // 13 words, 2 sentences, 17 syllables:
    // 206.84 − 0.77 × (17/13 × 100) − 0.93 × 6.5 = 206.84 − 100.692 − 6.045 = 100.10
    const r = readability("De gemeente helpt u graag. U kunt een vraag stellen aan het loket.");
    expect(r.words).toBe(13);
    expect(r.sentences).toBe(2);
    expect(r.syllables).toBe(17);
    expect(r.avgSentenceLength).toBe(6.5);
    expect(r.fleschDouma).toBeCloseTo(100.1, 1);
    expect(r.longWordShare).toBe(0);
    expect(r.longestSentenceWords).toBe(8);
    expect(r.longSentences).toEqual([]);
  });

  it("matches the formula on raw counts", () => {
    expect(fleschDouma(100, 10, 150)).toBeCloseTo(206.84 - 115.5 - 9.3, 5);
    expect(fleschDouma(0, 0, 0)).toBe(0);
  });

  it("flags sentences longer than 25 words", () => {
    const long =
      "Wie in Mechelen woont en een vraag heeft over wonen, werk, vrije tijd of welzijn, kan met die vraag altijd " +
      "terecht bij het Huis van de Mechelaar in het centrum van de stad.";
    const text = `Dit is kort. ${long}`;
    const r = readability(text);
    expect(words(long).length).toBeGreaterThan(25);
    expect(r.longSentences).toEqual([long]);
    expect(r.longestSentenceWords).toBe(words(long).length);
  });

  it("counts long words (4 or more syllables)", () => {
    // burenbemiddeling (6) and vrijwilliger (4) are long; de, en, zijn, goed are not.
    const r = readability("De burenbemiddeling en de vrijwilliger zijn goed.");
    expect(r.words).toBe(7);
    expect(r.longWordShare).toBeCloseTo(2 / 7, 2);
  });

  it("accepts a custom syllable counter", () => {
    const r = readability("Een twee drie.", { countSyllables: () => 2 });
    expect(r.syllables).toBe(6);
  });

  it("returns zeros for an empty text", () => {
    const r = readability("");
    expect(r.words).toBe(0);
    expect(r.sentences).toBe(0);
    expect(r.fleschDouma).toBe(0);
  });
});
