import { describe, expect, it } from "vitest";
import { analyzeQuery, CREDIT, idf, knownParts, splitByVocabulary } from "../../../app/modules/knowledge/search-query";
import { expandKeywords } from "../../../app/modules/knowledge/search-terms";

const forms = (query: string, language = "nl", vocabulary: string[] = []) =>
  analyzeQuery(query, language, new Set(vocabulary)).map((c) => ({ word: c.word, forms: c.forms.map((f) => `${f.parts.join("+")}${f.prefix ? "*" : ""}@${f.credit}`) }));

describe("a resident's query as concepts", () => {
  it("leaves out question words, who it is for and loose numbers, in each language (the stemmer drops its own stop words)", () => {
    const nl = forms("hoe kan ik een leefloon aanvragen voor mijn vader 2024").map((c) => c.word);
    expect(nl).toContain("leefloon");
    for (const w of ["hoe", "kan", "ik", "aanvragen", "mijn", "vader", "2024"]) expect(nl).not.toContain(w);
    const en = forms("how can i apply for income support for my husband", "en").map((c) => c.word);
    expect(en).toEqual(expect.arrayContaining(["income", "support"]));
    for (const w of ["how", "apply", "my", "husband"]) expect(en).not.toContain(w);
    const fr = forms("je cherche une aide pour ma mère", "fr").map((c) => c.word);
    expect(fr).toContain("aide");
    for (const w of ["je", "cherche", "ma", "mere"]) expect(fr).not.toContain(w);
  });

  it("maps Flemish and everyday words to the articles' words, weighing almost as the typed word", () => {
    const [ambras] = forms("ambras");
    expect(ambras.forms).toContain(`ruzie@${CREDIT.everyday}`);
    expect(forms("huurbaas")[0].forms).toContain(`verhuurder@${CREDIT.everyday}`);
  });

  it("joins two typed words the articles write as one, and splits a compound into known words", () => {
    expect(forms("rust huis", "nl", ["rusthuis"])).toEqual([
      expect.objectContaining({ word: "rusthuis", forms: expect.arrayContaining([`rusthuis@${CREDIT.typed}`, `rust+huis@${CREDIT.joined}`, `woonzorgcentrum@${CREDIT.synonym}`]) }),
    ]);
    expect(splitByVocabulary("opvoedingsondersteuning", new Set(["opvoeding", "ondersteuning"]))).toEqual(["opvoeding", "ondersteuning"]);
    expect(forms("huurwaarborg", "nl", ["huur", "waarborg"])[0].forms).toContain(`huur+waarborg@${CREDIT.compound}`);
  });

  it("lets synonyms and word starts weigh less than the typed word", () => {
    const [leefloon] = forms("leefloon");
    expect(leefloon.forms[0]).toBe(`leefloon@${CREDIT.typed}`);
    expect(leefloon.forms).toContain(`uitkering@${CREDIT.synonym}`);
    expect(leefloon.forms).not.toContain(expect.stringMatching(/^subsidie|^premie/));
    expect(forms("psycholoog")[0].forms).toEqual(expect.arrayContaining([`psychisch@${CREDIT.synonym}`, `psycholoog*@${CREDIT.prefix}`]));
    expect(CREDIT.synonym).toBeLessThan(CREDIT.typed);
  });

  it("weighs rare words more than common ones (idf)", () => {
    expect(idf(0, 100)).toBeGreaterThan(idf(1, 100));
    expect(idf(1, 100)).toBeGreaterThan(idf(50, 100));
    expect(idf(100, 100)).toBeGreaterThan(0);
  });

  it("adds compound parts to an article's keywords, but no synonyms (they are expanded at query time)", () => {
    const keywords = expandKeywords({ title: "Steun voor uw vereniging", summary: "", questions: [], searchTerms: ["bewonersparkeerkaart"] }).split(" ");
    expect(keywords).toEqual(expect.arrayContaining(["bewonersparkeerkaart", "bewoners", "parkeer", "kaart"]));
    expect(keywords).not.toContain("leefloon");
  });

  it("leaves out filler verbs, times and phrases ('halen', 'vannacht', 'heel de tijd', 'file a', 'ne ... pas')", () => {
    expect(forms("voedselpakket halen").map((c) => c.word)).toEqual(["voedselpakket"]);
    expect(forms("ik ben heel de tijd alleen").map((c) => c.word)).not.toContain("tijd");
    expect(forms("geen slaapplaats vannacht").map((c) => c.word)).not.toContain("vannacht");
    expect(forms("how to file a complaint", "en").map((c) => c.word)).toContain("complaint");
    expect(forms("how to file a complaint", "en").map((c) => c.word)).not.toContain("file");
    expect(forms("proprietaire ne repare pas", "fr").map((c) => c.word)).not.toContain("pas");
  });

  it("gives a compound whose other part no article uses its known part, below the threshold on its own", () => {
    expect(knownParts("rolstoelgebruikers", new Set(["rolstoel"]))).toEqual(["rolstoel"]);
    // Not an editors' part that no article uses, not a preposition, not a question word.
    expect(knownParts("reispas", new Set())).toEqual([]);
    expect(knownParts("ondersteuning", new Set(["onder"]))).toEqual([]);
    expect(forms("rolstoelgebruikers", "nl", ["rolstoel"])[0].forms).toContain(`rolstoel@${CREDIT.part}`);
    expect(CREDIT.part).toBeLessThan(0.5);
  });

  it("keeps a French name with 'de' together ('permis de conduire'), but not a verb with 'de'", () => {
    expect(forms("permis de conduire", "fr")).toEqual([{ word: "permis conduire", forms: [`permis+conduire@${CREDIT.typed}`] }]);
    expect(forms("je viens d'arriver inscription", "fr").map((c) => c.word)).toEqual(expect.arrayContaining(["arriver", "inscription"]));
  });

  it("maps the everyday words for neighbours, teenagers, eviction and a place to sleep", () => {
    expect(forms("buurman")[0].forms).toContain(`buren@${CREDIT.everyday}`);
    expect(forms("buitenzetten")[0].forms).toContain(`uithuiszetting@${CREDIT.everyday}`);
    expect(forms("slaapplaats")[0].forms).toContain(`slapen@${CREDIT.everyday}`);
    expect(forms("dors", "fr")[0].forms).toContain(`dormir@${CREDIT.everyday}`);
  });
});
