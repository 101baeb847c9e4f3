import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { knowledgeArticles, type Language } from "../../../db/schema";
import { db } from "~/utils/db.server";

/**
 * What knowledge offers the other contexts (docs/decisions/017-cross-context-reads.md): articles
 * read through these functions and the read-only join helper, never through `knowledge_articles`.
 */
const qb = new QueryBuilder();

/** Read-only join helper: articles by id with their slug, language, title and status. */
export const articlesView = <N extends string>(name: N) =>
  qb
    .select({ id: knowledgeArticles.id, slug: knowledgeArticles.slug, language: knowledgeArticles.language, title: knowledgeArticles.title, status: knowledgeArticles.status })
    .from(knowledgeArticles)
    .as(name);

/** The slug of the first published article (by slug) about a service in a language. */
export async function publishedArticleAboutService(serviceSlug: string, language: Language): Promise<string | undefined> {
  const [article] = await db
    .select({ slug: knowledgeArticles.slug })
    .from(knowledgeArticles)
    .where(and(eq(knowledgeArticles.serviceSlug, serviceSlug), eq(knowledgeArticles.language, language), eq(knowledgeArticles.status, "published")))
    .orderBy(asc(knowledgeArticles.slug))
    .limit(1);
  return article?.slug;
}

/** Published articles by slug, one per slug: in `lng` where it exists, else Dutch, else any. */
export async function publishedArticlesBySlugs(slugs: string[], lng: string) {
  if (!slugs.length) return [];
  return db
    .selectDistinctOn([knowledgeArticles.slug], { id: knowledgeArticles.id, slug: knowledgeArticles.slug, title: knowledgeArticles.title })
    .from(knowledgeArticles)
    .where(and(inArray(knowledgeArticles.slug, slugs), eq(knowledgeArticles.status, "published")))
    .orderBy(knowledgeArticles.slug, sql`(${knowledgeArticles.language} = ${lng}) desc`, sql`(${knowledgeArticles.language} = 'nl') desc`);
}
