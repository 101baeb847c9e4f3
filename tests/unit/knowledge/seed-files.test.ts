import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AUDIENCE_VALUES, THEME_VALUES } from "../../../app/modules/knowledge/schemas";
import { CROSS_LANGUAGES, loadArticleFiles, loadSearchTermFiles } from "../../../seeds/knowledge";

const articles = loadArticleFiles();
const dutch = new Map(articles.filter((a) => a.language === "nl").map((a) => [a.slug, a]));
const services = new Set((JSON.parse(readFileSync(new URL("../../../seeds/catalog/services.json", import.meta.url), "utf8")) as Array<{ slug: string }>).map((s) => s.slug));

describe("the Mikipedia seed files", () => {
  it.each(articles.map((a) => [`${a.language}/${a.slug}`, a] as const))("%s uses known themes, audiences, related articles and service", (_name, a) => {
    expect(a.content.themes.length).toBeGreaterThan(0);
    for (const t of a.content.themes) expect(THEME_VALUES).toContain(t);
    expect(a.content.audiences.length).toBeGreaterThan(0);
    for (const au of a.content.audiences) expect(AUDIENCE_VALUES).toContain(au);
    for (const r of a.content.related) expect(dutch.has(r), `related ${r}`).toBe(true);
    expect(a.content.related).not.toContain(a.slug);
    if (a.content.serviceSlug) expect(services.has(a.content.serviceSlug), `service ${a.content.serviceSlug}`).toBe(true);
    expect(a.content.searchTerms.length).toBeGreaterThan(0);
    expect(a.content.questions.length).toBeGreaterThan(0);
  });

  const translations = articles.filter((a) => a.language !== "nl");
  it.each(translations.map((a) => [`${a.language}/${a.slug}`, a] as const))("%s translates a Dutch article and keeps its structure", (_name, a) => {
    const nl = dutch.get(a.translationOf ?? "");
    expect(nl, `translationOf ${a.translationOf}`).toBeDefined();
    expect(a.slug).toBe(a.translationOf);
    expect(a.content.themes).toEqual(nl!.content.themes);
    expect(a.content.audiences).toEqual(nl!.content.audiences);
    expect(a.content.related).toEqual(nl!.content.related);
    expect(a.content.serviceSlug).toEqual(nl!.content.serviceSlug);
    expect(a.content.source).toEqual(nl!.content.source);
  });
});

describe("English and French search terms for every article (issue 16 item 6)", () => {
  const termFiles = loadSearchTermFiles();
  it.each([...CROSS_LANGUAGES])("every Dutch article has %s search terms, so a search in that language finds it even while it is only in Dutch", (language) => {
    const bySlug = new Map(termFiles.filter((t) => t.language === language).map((t) => [t.slug, t.terms]));
    const missing = [...dutch.keys()].filter((slug) => (bySlug.get(slug)?.length ?? 0) < 3);
    expect(missing, `articles without ${language} search terms`).toEqual([]);
    // Terms for an article that does not exist would never be found.
    expect([...bySlug.keys()].filter((slug) => !dutch.has(slug))).toEqual([]);
    // The terms are in that language, not the Dutch terms copied.
    for (const [slug, terms] of bySlug) expect(terms, slug).not.toEqual(dutch.get(slug)!.content.searchTerms);
  });

  it.each([...CROSS_LANGUAGES])("every %s translation has its own search terms", (language) => {
    for (const a of articles.filter((x) => x.language === language)) expect(a.content.searchTerms.length, a.slug).toBeGreaterThan(0);
  });
});
