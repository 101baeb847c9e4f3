import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { knowledgeSearchLog } from "../../../db/schema";
import { recordSearchClick, searchArticles } from "../../../app/modules/knowledge/search.server";
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
});
