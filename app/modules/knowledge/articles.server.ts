import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import MarkdownIt from "markdown-it";
import { FEEDBACK_REASONS, knowledgeArticles, knowledgeFeedback, knowledgeSearchLog, type FeedbackReason, type Language } from "../../../db/schema";
import { getServicesBySlugs } from "~/modules/catalog/catalog.server";
import { serviceLabel } from "~/modules/catalog/localize";
import { DomainError } from "~/modules/platform/errors";
import { hitRateLimit } from "~/modules/platform/rate-limit.server";
import { db } from "~/utils/db.server";
import { bodyWithoutSummary } from "./presentation";
import { articleUrl } from "./search.server";

export { THEME_VALUES as THEMES, AUDIENCE_VALUES as AUDIENCES } from "./schemas";

// html: false: an article can never inject markup into the page.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
/** The body as HTML (its sections are h2 headings under the page title). */
export const renderMarkdown = (md: string) => markdown.render(md);

export type ArticleView = {
  slug: string;
  language: Language;
  /** The language of the text shown: the Dutch original when no translation exists yet. */
  textLanguage: Language;
  translated: boolean;
  /** A translation whose Dutch original changed since (ISO date-time), or null: "the Dutch text is newer". */
  dutchChangedAt: string | null;
  title: string;
  summary: string;
  html: string;
  themes: string[];
  audiences: string[];
  source: { theme: string; section: string } | null;
  lastChecked: string | null;
  /** `lang`: the language of the title (Dutch when the related article has no translation yet). */
  related: { slug: string; title: string; url: string; lang: Language }[];
  service: { slug: string; title: string; titleLang: string; requestable: boolean; requestUrl: string | null } | null;
};

const langs = (language: Language): Language[] => [...new Set<Language>([language, "nl"])];
const published = (language: Language) => and(eq(knowledgeArticles.language, language), eq(knowledgeArticles.status, "published"));

/**
 * One published article in the wanted language. A Dutch article without a translation is
 * shown in Dutch (the page says so), never as an empty page. Throws NOT_FOUND otherwise.
 */
export async function getArticle(slug: string, language: Language): Promise<ArticleView> {
  return (await loadArticle(slug, language)).view;
}

/** The article for the JSON API: the view plus its Markdown, with absolute links. */
export async function getArticleData(slug: string, language: Language, baseUrl: string) {
  const { view, markdown } = await loadArticle(slug, language);
  return {
    slug: view.slug,
    language: view.language,
    textLanguage: view.textLanguage,
    translated: view.translated,
    url: `${baseUrl}${articleUrl(view.slug, language)}`,
    title: view.title,
    summary: view.summary,
    body: markdown,
    html: view.html,
    themes: view.themes,
    audiences: view.audiences,
    source: view.source,
    lastChecked: view.lastChecked,
    related: view.related.map((r) => ({ ...r, url: `${baseUrl}${r.url}` })),
    service: view.service && { ...view.service, requestUrl: view.service.requestUrl && `${baseUrl}${view.service.requestUrl}` },
  };
}

async function loadArticle(slug: string, language: Language): Promise<{ view: ArticleView; markdown: string }> {
  const rows = await db
    .select()
    .from(knowledgeArticles)
    .where(
      and(
        inArray(knowledgeArticles.language, langs(language)),
        eq(knowledgeArticles.status, "published"),
        sql`(${knowledgeArticles.slug} = ${slug} or ${knowledgeArticles.translationOf} = ${slug})`,
      ),
    );
  const article = rows.find((r) => r.language === language) ?? rows.find((r) => r.language === "nl");
  if (!article) throw new DomainError("NOT_FOUND", "knowledge:errors.notFound");
  const relatedRows = article.related.length
    ? await db
        .select({ slug: knowledgeArticles.slug, title: knowledgeArticles.title, language: knowledgeArticles.language, translationOf: knowledgeArticles.translationOf })
        .from(knowledgeArticles)
        .where(and(inArray(knowledgeArticles.language, langs(language)), eq(knowledgeArticles.status, "published"), inArray(knowledgeArticles.slug, article.related)))
    : [];
  const related = article.related
    .map((s) => relatedRows.find((r) => r.slug === s && r.language === language) ?? relatedRows.find((r) => r.slug === s && r.language === "nl"))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => ({ slug: r.slug, title: r.title, url: articleUrl(r.slug, language), lang: r.language }));
  const [service] = article.serviceSlug ? await getServicesBySlugs([article.serviceSlug]) : [];
  const view: ArticleView = {
    slug: article.translationOf ?? article.slug,
    language,
    textLanguage: article.language,
    translated: article.language === language,
    dutchChangedAt: article.language !== "nl" && article.dutchChangedAt ? article.dutchChangedAt.toISOString() : null,
    title: article.title,
    summary: article.summary,
    html: renderMarkdown(bodyWithoutSummary(article.body, article.summary)),
    themes: article.themes,
    audiences: article.audiences,
    source: article.source,
    lastChecked: article.lastChecked,
    related,
    service: service
      ? {
          slug: service.slug,
          title: serviceLabel(service, language).title.text,
          titleLang: serviceLabel(service, language).title.lang,
          requestable: service.requestable,
          requestUrl: service.requestable ? `/aanvragen/${service.slug}` : null,
        }
      : null,
  };
  return { view, markdown: article.body };
}

export type ArticleListItem = { slug: string; title: string; summary: string; url: string };

/** Published articles of a theme or audience, in the wanted language (Dutch where untranslated). */
export async function listArticles(filter: { theme?: string; audience?: string }, language: Language): Promise<ArticleListItem[]> {
  const nl = await db
    .select({ slug: knowledgeArticles.slug, title: knowledgeArticles.title, summary: knowledgeArticles.summary })
    .from(knowledgeArticles)
    .where(
      and(
        published("nl"),
        filter.theme ? sql`${knowledgeArticles.themes} @> array[${filter.theme}]::text[]` : undefined,
        filter.audience ? sql`${knowledgeArticles.audiences} @> array[${filter.audience}]::text[]` : undefined,
      ),
    )
    .orderBy(asc(knowledgeArticles.title));
  return localize(nl, language);
}

async function localize(nl: { slug: string; title: string; summary: string }[], language: Language): Promise<ArticleListItem[]> {
  const translations =
    language === "nl" || !nl.length
      ? []
      : await db
          .select({ slug: knowledgeArticles.translationOf, title: knowledgeArticles.title, summary: knowledgeArticles.summary })
          .from(knowledgeArticles)
          .where(
            and(
              published(language),
              inArray(
                knowledgeArticles.translationOf,
                nl.map((a) => a.slug),
              ),
            ),
          );
  return nl.map((a) => {
    const t = translations.find((x) => x.slug === a.slug);
    return { slug: a.slug, title: t?.title ?? a.title, summary: t?.summary ?? a.summary, url: articleUrl(a.slug, language) };
  });
}

/** "Meest gevraagd": the most opened answers of the last 90 days, topped up with key articles. */
export async function mostAsked(language: Language, limit = 6): Promise<ArticleListItem[]> {
  const clicked = await db
    .select({ slug: knowledgeSearchLog.clickedSlug, n: sql<number>`count(*)::int` })
    .from(knowledgeSearchLog)
    .where(sql`${knowledgeSearchLog.clickedSlug} is not null and ${knowledgeSearchLog.createdAt} > now() - interval '90 days'`)
    .groupBy(knowledgeSearchLog.clickedSlug)
    .orderBy(desc(sql`count(*)`))
    .limit(limit);
  const slugs = [
    ...new Set([...clicked.map((c) => c.slug!), "huis-van-de-mechelaar", "bewonerskaart-parkeren", "uitpas", "digipunt", "renovatiebegeleiding", "senioren-infolijn"]),
  ].slice(0, limit);
  const rows = await db
    .select({ slug: knowledgeArticles.slug, title: knowledgeArticles.title, summary: knowledgeArticles.summary })
    .from(knowledgeArticles)
    .where(and(published("nl"), inArray(knowledgeArticles.slug, slugs)));
  return localize(
    slugs.map((s) => rows.find((r) => r.slug === s)).filter((r): r is NonNullable<typeof r> => !!r),
    language,
  );
}

export const feedbackLimit = { name: "knowledge-feedback", limit: 30, windowSeconds: 3600 };

/** "Heeft dit antwoord u geholpen?": a yes/no and an optional fixed reason; nothing about the visitor. */
export async function recordFeedback(input: { slug: string; language: Language; helpful: boolean; reason: FeedbackReason | null }, clientIp: string) {
  if (!(await hitRateLimit(feedbackLimit, clientIp)).allowed) throw new DomainError("RATE_LIMITED", "knowledge:errors.tooMuchFeedback");
  const [article] = await db
    .select({ id: knowledgeArticles.id })
    .from(knowledgeArticles)
    .where(and(eq(knowledgeArticles.slug, input.slug), eq(knowledgeArticles.status, "published"), inArray(knowledgeArticles.language, langs(input.language))))
    .orderBy(sql`${knowledgeArticles.language} = 'nl'`)
    .limit(1);
  if (!article) throw new DomainError("NOT_FOUND", "knowledge:errors.notFound");
  const reason = !input.helpful && input.reason && (FEEDBACK_REASONS as readonly string[]).includes(input.reason) ? input.reason : null;
  await db.insert(knowledgeFeedback).values({ articleId: article.id, helpful: input.helpful, reason });
}
