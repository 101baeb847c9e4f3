import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, desc, eq, sql } from "drizzle-orm";
import matter from "gray-matter";
import { z } from "zod";
import { knowledgeArticles, knowledgeRevisions, knowledgeSearchTerms, LANGUAGES, type Language } from "../db/schema";
import type { Database } from "../app/utils/db.server";
import { addMonths, addWords, applyPublishedContent, type ArticleContent } from "../app/modules/knowledge/content.server";
import { clearSearchCache } from "../app/modules/knowledge/search-cache";
import { expandKeywords } from "../app/modules/knowledge/search-terms";

const here = path.dirname(fileURLToPath(import.meta.url));
const isoDate = z.union([z.date().transform((d) => d.toISOString().slice(0, 10)), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]);

const frontMatter = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  translationOf: z.string().optional(),
  title: z.string().min(1),
  summary: z.string().min(1),
  themes: z.array(z.string()),
  audiences: z.array(z.string()),
  source: z.object({ theme: z.string().min(1), section: z.string().min(1) }),
  related: z.array(z.string()).default([]),
  service: z.string().optional(),
  searchTerms: z.array(z.string()).default([]),
  questions: z.array(z.string()).default([]),
  lastChecked: isoDate,
  status: z.enum(["draft", "in_review", "published"]),
});

export type SeedArticle = { language: Language; slug: string; translationOf: string | null; status: string; lastChecked: string; hash: string; content: ArticleContent };

export function loadArticleFiles(root = path.join(here, "knowledge")): SeedArticle[] {
  const out: SeedArticle[] = [];
  // Every language of the portal that has a folder (courtesy languages may translate only some articles).
  for (const language of LANGUAGES.filter((l) => existsSync(path.join(root, l)))) {
    for (const file of readdirSync(path.join(root, language))
      .filter((f) => f.endsWith(".md"))
      .sort()) {
      const raw = readFileSync(path.join(root, language, file), "utf8");
      const parsed = matter(raw);
      const fm = frontMatter.parse(parsed.data);
      out.push({
        language,
        slug: fm.slug,
        translationOf: fm.translationOf ?? null,
        status: fm.status,
        lastChecked: fm.lastChecked,
        hash: createHash("sha256").update(raw).digest("hex"),
        content: {
          title: fm.title,
          summary: fm.summary,
          body: parsed.content.trim(),
          themes: fm.themes,
          audiences: fm.audiences,
          source: fm.source,
          related: fm.related,
          serviceSlug: fm.service ?? null,
          searchTerms: fm.searchTerms,
          questions: fm.questions,
          reviewBefore: addMonths(fm.lastChecked, 12),
        },
      });
    }
  }
  return out;
}

/**
 * Loads the Markdown articles. A missing article is created; an article whose newest
 * revision came from an older seed file is updated; an article an editor has saved since
 * is left alone, so a reseed never overwrites the editors' work.
 */
export async function seedKnowledge(db: Database) {
  let changed = 0;
  for (const a of loadArticleFiles()) {
    if (a.status !== "published") continue;
    await db.transaction(async (tx) => {
      let [article] = await tx
        .select({ id: knowledgeArticles.id })
        .from(knowledgeArticles)
        .where(and(eq(knowledgeArticles.slug, a.slug), eq(knowledgeArticles.language, a.language)));
      let number = 1;
      if (article) {
        const [latest] = await tx.select().from(knowledgeRevisions).where(eq(knowledgeRevisions.articleId, article.id)).orderBy(desc(knowledgeRevisions.number)).limit(1);
        if (latest && (latest.origin !== "seed" || latest.contentHash === a.hash)) return;
        number = (latest?.number ?? 0) + 1;
      } else {
        [article] = await tx
          .insert(knowledgeArticles)
          .values({ slug: a.slug, language: a.language, translationOf: a.translationOf, ...a.content })
          .returning({ id: knowledgeArticles.id });
      }
      const [rev] = await tx
        .insert(knowledgeRevisions)
        .values({ articleId: article.id, number, ...a.content, status: "published", origin: "seed", contentHash: a.hash, publishedAt: new Date() })
        .returning({ id: knowledgeRevisions.id });
      await applyPublishedContent(tx, article.id, a.language, a.content, rev.id, a.lastChecked);
      changed++;
    });
  }
  changed += await refreshKeywords(db);
  await seedSearchTerms(db);
  return changed;
}

const termsFile = z.record(z.string().regex(/^[a-z0-9-]+$/), z.array(z.string().min(1).max(80)).min(1));
export const CROSS_LANGUAGES = ["en", "fr"] as const;

/** seeds/knowledge/search-terms.<lang>.json: slug of a Dutch article → words in that language. */
export function loadSearchTermFiles(root = path.join(here, "knowledge")): { language: (typeof CROSS_LANGUAGES)[number]; slug: string; terms: string[] }[] {
  return CROSS_LANGUAGES.flatMap((language) =>
    Object.entries(termsFile.parse(JSON.parse(readFileSync(path.join(root, `search-terms.${language}.json`), "utf8")))).map(([slug, terms]) => ({ language, slug, terms })),
  );
}

/**
 * English and French search terms for every article, translated or not: an English or French
 * search also finds a Dutch-only article (search.server.ts). Kept apart from the article files
 * so translators and the search terms do not edit the same file. Upserted on every seed.
 */
async function seedSearchTerms(db: Database) {
  const rows = loadSearchTermFiles();
  await db.transaction(async (tx) => {
    for (const r of rows) {
      await tx
        .insert(knowledgeSearchTerms)
        .values({ slug: r.slug, language: r.language, terms: r.terms })
        .onConflictDoUpdate({
          target: [knowledgeSearchTerms.slug, knowledgeSearchTerms.language],
          set: { terms: r.terms, updatedAt: new Date() },
          where: sql`${knowledgeSearchTerms.terms} is distinct from excluded.terms`,
        });
    }
    for (const language of CROSS_LANGUAGES)
      await addWords(
        tx,
        language,
        rows
          .filter((r) => r.language === language)
          .flatMap((r) => r.terms)
          .join(" "),
      );
  });
  clearSearchCache();
}

/**
 * The keywords are computed at publication; when the way they are computed changes (issue 16:
 * synonyms moved to query time), published articles get them recomputed here, once.
 */
async function refreshKeywords(db: Database) {
  const rows = await db
    .select({
      id: knowledgeArticles.id,
      title: knowledgeArticles.title,
      summary: knowledgeArticles.summary,
      questions: knowledgeArticles.questions,
      searchTerms: knowledgeArticles.searchTerms,
      searchKeywords: knowledgeArticles.searchKeywords,
    })
    .from(knowledgeArticles)
    .where(eq(knowledgeArticles.status, "published"));
  let changed = 0;
  for (const r of rows) {
    const keywords = expandKeywords(r);
    if (keywords === r.searchKeywords) continue;
    await db.update(knowledgeArticles).set({ searchKeywords: keywords }).where(eq(knowledgeArticles.id, r.id));
    changed++;
  }
  if (changed) clearSearchCache();
  return changed;
}
