import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AUDIENCE_VALUES, THEME_VALUES } from "../../../app/modules/knowledge/schemas";
import { loadArticleFiles } from "../../../seeds/knowledge";

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
