import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knowledgeArticles } from "../../../db/schema";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { startTestServer } from "../../setup/http-server";

/**
 * Issue 16 items 5 and 6: Dutch text on a page in another language carries lang="nl"
 * (WCAG 3.1.2 language of parts), and an English or French search finds an article that
 * exists only in Dutch, labelled as such. Expectations come from the stored Dutch article.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let dutchOnly: typeof knowledgeArticles.$inferSelect;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
  // Every seeded article is translated: take one translation offline, as an editor's new Dutch article would be.
  await db
    .update(knowledgeArticles)
    .set({ status: "draft" })
    .where(and(eq(knowledgeArticles.slug, "beiaardschool"), inArray(knowledgeArticles.language, ["en", "fr"])));
  [dutchOnly] = await db
    .select()
    .from(knowledgeArticles)
    .where(and(eq(knowledgeArticles.slug, "beiaardschool"), eq(knowledgeArticles.language, "nl")));
});
afterAll(() => server.close());

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** `text` starts inside an element that says it is Dutch (possibly nested a few tags deeper). */
const markedDutch = (html: string, text: string) => new RegExp(`lang="nl"[^>]*>(\\s*<[^>]+>)*\\s*${escape(text)}`).test(decode(html));

async function page(path: string, lng: string) {
  const res = await server.get(`${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
  expect(res.status, `${path} in ${lng}`).toBe(200);
  return res.text();
}

describe("Dutch text on pages in other languages is marked lang=nl", () => {
  it.each(["en", "fr"])("shows a Dutch-only article in %s with its Dutch text inside lang=nl", async (lng) => {
    const html = await page("/mikipedia/beiaardschool", lng);
    expect(html).toContain(`<html lang="${lng}"`);
    expect(markedDutch(html, dutchOnly.title)).toBe(true);
    // The whole Dutch text (title, answer, body) sits in one element marked Dutch.
    const text = decode(html.replace(/<script[\s\S]*?<\/script>/g, "")); // structured data carries its own inLanguage
    const start = text.indexOf('<div lang="nl" class="stack">');
    expect(start).toBeGreaterThan(0);
    const block = text.slice(start, text.indexOf("</article>", start));
    expect(block).toContain(dutchOnly.summary);
    expect(text.indexOf(dutchOnly.summary)).toBeGreaterThan(start);
    // The <title> is in the page language and says the text is Dutch; it is never the bare Dutch title.
    const title = decode(html.match(/<title>([^<]*)<\/title>/)![1]);
    expect(title).not.toBe(dutchOnly.title);
  });

  it("cites the Dutch memorandum with lang=nl on an English or French page, and without it on a Dutch page", async () => {
    const [article] = await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.slug, "mantelzorg"), eq(knowledgeArticles.language, "nl")));
    const section = article.source!.theme;
    for (const lng of ["en", "fr", "ar"]) expect(markedDutch(await page("/mikipedia/mantelzorg", lng), section), lng).toBe(true);
    const nl = await page("/mikipedia/mantelzorg", "nl");
    expect(decode(nl)).toContain(section);
    expect(markedDutch(nl, section)).toBe(false);
  });

  it("marks a service name that has no translation (Arabic) as Dutch inside the translated button text", async () => {
    const ar = await page("/mikipedia/burenbemiddeling", "ar");
    expect(markedDutch(ar, "Burenbemiddeling aanvragen")).toBe(true);
    const en = await page("/mikipedia/burenbemiddeling", "en");
    expect(decode(en)).toContain("Apply online for “<span>Requesting neighbour mediation</span>”");
  });
});

describe("search across languages (issue 16 item 6)", () => {
  it.each([
    ["en", "learn to play the carillon", "only in Dutch"],
    ["fr", "apprendre le carillon", "uniquement en néerlandais"],
  ])("a search in %s finds the Dutch-only article, labelled and marked lang=nl", async (lng, query, label) => {
    const html = decode(await page(`/mikipedia/zoeken?q=${encodeURIComponent(query)}`, lng));
    const link = html.match(new RegExp(`<a [^>]*href="/mikipedia/beiaardschool[^"]*"[^>]*>([^<]*)</a>`));
    expect(link, "the Dutch-only article is among the results").toBeTruthy();
    expect(link![0]).toContain('lang="nl"');
    expect(link![1]).toBe(dutchOnly.title);
    const item = html.slice(html.indexOf(link![0]), html.indexOf(link![0]) + 2000);
    expect(item).toContain(label);
  });
});
