import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { knowledgeArticles, knowledgeSearchLog, knowledgeSearchTerms } from "../../../db/schema";
import { loadArticleFiles, loadSearchTermFiles } from "../../../seeds/knowledge";
import { clearSearchCache } from "../../../app/modules/knowledge/search-cache";
import { flushSearchLog, recordSearchClick, searchArticles } from "../../../app/modules/knowledge/search.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

const slugs = async (query: string, opts: { theme?: string; audience?: string; language?: "nl" | "en" | "fr" } = {}) =>
  (await searchArticles({ query, language: opts.language ?? "nl", theme: opts.theme, audience: opts.audience })).results.map((r) => r.slug);

describe("Mikipedia search", () => {
  it("finds the answer by its words, with the title weighing most and a highlighted snippet", async () => {
    const r = await searchArticles({ query: "burenbemiddeling", language: "nl" });
    expect(r.results[0].slug).toBe("burenbemiddeling");
    expect(r.results[0].url).toBe("/mikipedia/burenbemiddeling");
    expect(r.results[0].snippet).toMatch(/\u0002[^\u0003]+\u0003/);
    expect(r.didYouMean).toBeNull();
  });

  it("tolerates typos and suggests the right spelling", async () => {
    const r = await searchArticles({ query: "burenbemidelling", language: "nl" });
    expect(r.didYouMean).toBe("burenbemiddeling");
    expect(r.results[0].slug).toBe("burenbemiddeling");
    const b = await searchArticles({ query: "bibliotheeek", language: "nl" });
    expect(b.didYouMean).toBe("bibliotheek");
    expect(b.results.map((x) => x.slug)).toContain("bibliotheek");
  });

  it("splits compound words and knows synonyms", async () => {
    expect((await slugs("kaart parkeren")).slice(0, 3)).toContain("bewonerskaart-parkeren");
    expect((await slugs("parkeervergunning")).slice(0, 3)).toContain("bewonerskaart-parkeren");
    expect((await slugs("stalling voor mijn fiets")).slice(0, 3)).toContain("fietsenstalling-buurt");
    // "kosteloos" is nowhere in the article: the synonym of "gratis" was added when it was saved.
    expect((await slugs("kosteloos internet"))[0]).toBe("wifi-openbaar");
    expect((await slugs("getuigschrift")).slice(0, 3)).toContain("attest-of-kopie");
  });

  it("ignores accents", async () => {
    expect(await slugs("financiele hulp")).toEqual(await slugs("financiële hulp"));
    expect((await slugs("financiële hulp")).slice(0, 5)).toContain("financiele-hulp");
  });

  it.each([
    ["ik wil mijn huis renoveren", "renovatiebegeleiding"],
    ["gratis internet", "wifi-openbaar"],
    ["ruzie met de buren", "burenbemiddeling"],
    ["waar kan ik met mijn vragen terecht als senior", "senioren-infolijn"],
  ])("answers the question as residents type it: %s", async (query, expected) => {
    expect((await slugs(query)).slice(0, 3)).toContain(expected);
  });

  it("filters by theme and by audience", async () => {
    const all = await slugs("hulp");
    const wonen = await slugs("hulp", { theme: "wonen" });
    expect(wonen.length).toBeGreaterThan(0);
    expect(wonen.length).toBeLessThan(all.length + 1);
    const themed = await db.execute<{ slug: string }>(sql`select slug from knowledge_articles where language = 'nl' and 'wonen' = any(themes)`);
    expect(wonen.every((s) => themed.some((t) => t.slug === s))).toBe(true);
    const seniors = await slugs("hulp", { audience: "senioren" });
    const forSeniors = await db.execute<{ slug: string }>(sql`select slug from knowledge_articles where language = 'nl' and 'senioren' = any(audiences)`);
    expect(seniors.length).toBeGreaterThan(0);
    expect(seniors.every((s) => forSeniors.some((t) => t.slug === s))).toBe(true);
  });

  it("searches in English and French among the translations", async () => {
    expect((await slugs("parking card", { language: "en" })).slice(0, 3)).toContain("bewonerskaart-parkeren");
    const fr = await searchArticles({ query: "bibliothèque", language: "fr" });
    expect(fr.results[0].url).toBe("/mikipedia/bibliotheek?lng=fr");
  });

  it("logs every search without personal data, including those without results, and the click", async () => {
    const none = await searchArticles({ query: "xyzzy kwakwa 0475 12 34 56 an@example.com", language: "nl" });
    expect(none.results).toEqual([]);
    const hit = await searchArticles({ query: "uitpas", language: "nl" });
    await recordSearchClick(hit.logId!, "uitpas");
    const rows = await db.select().from(knowledgeSearchLog);
    const zero = rows.find((r) => r.id === none.logId)!;
    expect(zero.resultCount).toBe(0);
    expect(zero.query).toBe("xyzzy kwakwa [nummer] [e-mail]");
    expect(rows.find((r) => r.id === hit.logId)).toMatchObject({ clickedSlug: "uitpas", language: "nl" });
    expect(rows.find((r) => r.id === hit.logId)!.resultCount).toBeGreaterThan(0);
  });

  it.each(["identiteitskaart verloren", "paspoort", "rijbewijs omwisselen", "wanneer wordt het afval opgehaald", "trouwen op het stadhuis"])(
    "says there is no answer yet instead of showing loosely matching articles, and logs the gap: %s",
    async (query) => {
      const r = await searchArticles({ query, language: "nl" });
      expect(r.results).toEqual([]);
      expect(r.noAnswer).toBe(true);
      await flushSearchLog();
      const rows = await db.select().from(knowledgeSearchLog);
      expect(rows.find((x) => x.id === r.logId)!.resultCount).toBe(0);
    },
  );

  it("runs the whole search on the corrected words when the spelling is corrected", async () => {
    const r = await searchArticles({ query: "burenbemidelling aanvragen", language: "nl" });
    expect(r.didYouMean).toBe("burenbemiddeling aanvragen");
    expect(r.results[0].slug).toBe("burenbemiddeling");
  });

  it("lets a synonym weigh less than the typed word, so a synonym group pulls no unrelated articles", async () => {
    const found = await slugs("leefloon aanvragen");
    expect(found.slice(0, 2)).toEqual(expect.arrayContaining(["leefloon-bijverdienen"]));
    expect(found).not.toContain("verenigingssubsidie");
    expect(found).not.toContain("buurtsubsidie-klimaat");
  });

  it.each([
    ["ambras met mijn gebuur", "burenbemiddeling"],
    ["mijn huurbaas doet niets aan het vocht", "huurbegeleiding"],
    ["geen centen om de rekeningen te betalen", "financiele-hulp"],
    ["plaats in een rust huis", "woonzorgcentrum"],
    ["opvoedingsondersteuning", "huis-van-het-kind"],
    ["een psycholoog zoeken", "psychische-hulp"],
    ["psychologische hulp", "psychische-hulp"],
  ])("knows Flemish and everyday words, compounds split and joined, and word forms: %s", async (query, expected) => {
    expect((await slugs(query)).slice(0, 3)).toContain(expected);
  });

  it("finds a Dutch-only article from English and French through its search terms, marked as such", async () => {
    await db
      .insert(knowledgeArticles)
      .values({ slug: "proef-alleen-nl", language: "nl", title: "Proefartikel over de stadsbeiaard", summary: "Alleen in het Nederlands.", body: "Tekst.", status: "published" });
    await db.insert(knowledgeSearchTerms).values([
      { slug: "proef-alleen-nl", language: "en", terms: ["zeppelin mooring"] },
      { slug: "proef-alleen-nl", language: "fr", terms: ["amarrage de zeppelin"] },
    ]);
    clearSearchCache();
    const en = await searchArticles({ query: "where can a zeppelin moor", language: "en" });
    expect(en.results[0]).toMatchObject({ slug: "proef-alleen-nl", onlyInDutch: true, title: "Proefartikel over de stadsbeiaard", url: "/mikipedia/proef-alleen-nl?lng=en" });
    const fr = await searchArticles({ query: "amarrage zeppelin", language: "fr" });
    expect(fr.results[0]).toMatchObject({ slug: "proef-alleen-nl", onlyInDutch: true });
    // A translated article is found in its own language, not marked.
    const translated = await searchArticles({ query: "library", language: "en" });
    expect(translated.results[0]).toMatchObject({ slug: "bibliotheek", onlyInDutch: false });
  });

  it("finds Arabic and Turkish answers by the words residents type in their own script", async () => {
    const arabic = await searchArticles({ query: "مأوى للمشردين سقف", language: "ar" });
    expect(arabic.results.map((r) => r.slug).slice(0, 3)).toContain("acute-opvang-thuislozen");
    const turkish = await searchArticles({ query: "başımı sokacak yer yok", language: "tr" });
    expect(turkish.results.map((r) => r.slug).slice(0, 3)).toContain("acute-opvang-thuislozen");
  });

  it("has English and French search terms for every Dutch article (search-terms files or the translation)", () => {
    const files = loadArticleFiles();
    const terms = loadSearchTermFiles();
    for (const a of files.filter((f) => f.language === "nl")) {
      for (const language of ["en", "fr"] as const) {
        const own = terms.some((t) => t.slug === a.slug && t.language === language && t.terms.length > 0);
        const translated = files.some((f) => f.language === language && (f.translationOf ?? f.slug) === a.slug && f.content.searchTerms.length > 0);
        expect(own || translated, `${a.slug} has no ${language} search terms`).toBe(true);
      }
    }
  });
});
