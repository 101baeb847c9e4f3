import { sql } from "drizzle-orm";
import { db } from "~/utils/db.server";

/** Every published article (slug, languages, last change) and the themes and audiences in use, for /sitemap.xml. */
export async function publishedForSitemap(): Promise<{
  articles: { slug: string; languages: string[]; updatedAt: Date }[];
  themes: string[];
  audiences: string[];
}> {
  const articles = await db.execute<{ slug: string; languages: string[]; updated_at: string }>(sql`
    select slug, array_agg(language order by language) as languages, max(updated_at) as updated_at
    from knowledge_articles where status = 'published' group by slug order by slug`);
  const [tags] = await db.execute<{ themes: string[] | null; audiences: string[] | null }>(sql`
    select
      (select array_agg(distinct t order by t) from knowledge_articles, unnest(themes) t where status = 'published') as themes,
      (select array_agg(distinct a order by a) from knowledge_articles, unnest(audiences) a where status = 'published') as audiences`);
  return {
    articles: articles.map((a) => ({ slug: a.slug, languages: a.languages, updatedAt: new Date(a.updated_at) })),
    themes: tags.themes ?? [],
    audiences: tags.audiences ?? [],
  };
}
