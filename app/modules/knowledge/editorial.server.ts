import { diffWords } from "diff";
import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import { knowledgeArticles, knowledgeBestBets, knowledgeRevisions, knowledgeSearchTerms, type Language, type OtherLanguageTerms } from "../../../db/schema";
import { peopleView, personNames } from "~/modules/identity/directory.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { renderMarkdown } from "./articles.server";
import { bodyWithoutSummary } from "./presentation";
import { addMonths, applyPublishedContent, today, type ArticleContent } from "./content.server";
import { markdownToPlainText, readability } from "./readability";
import type { ArticleContentInput } from "./schemas";
import { clearSearchCache } from "./search-cache";
import { flushSearchLog } from "./search.server";
import { normalize } from "./search-terms";
import { can } from "~/modules/identity/permissions";

/** Read through identity's read-only join helper (decision 017). */
const author = peopleView("author");
function requireEditor(actor: CurrentUser) {
  if (!can(actor, "knowledge.edit")) throw new DomainError("FORBIDDEN", "knowledge:errors.editorsOnly");
}

export function toContent(input: ArticleContentInput): ArticleContent {
  const { sourceTheme, sourceSection, searchTermsEn, searchTermsFr, ...rest } = input;
  return { ...rest, source: { theme: sourceTheme, section: sourceSection }, otherLanguageTerms: { en: searchTermsEn, fr: searchTermsFr } };
}

/** A Dutch article's English and French search terms, from a published revision (issue 16 item 6). */
async function applyOtherLanguageTerms(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], slug: string, terms: OtherLanguageTerms) {
  for (const language of ["en", "fr"] as const) {
    const list = terms[language];
    // An empty field keeps the terms the article already has (e.g. from the seed files).
    if (!list?.length) continue;
    await tx
      .insert(knowledgeSearchTerms)
      .values({ slug, language, terms: list })
      .onConflictDoUpdate({ target: [knowledgeSearchTerms.slug, knowledgeSearchTerms.language], set: { terms: list, updatedAt: new Date() } });
  }
}

/** Flesch-Douma and long sentences of the answer and the body, as residents read them. */
export function scoreContent(content: { summary: string; body: string }) {
  return readability(markdownToPlainText(`${content.summary}\n\n${content.body}`));
}

async function nextNumber(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], articleId: string) {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${knowledgeRevisions.number}), 0)::int` })
    .from(knowledgeRevisions)
    .where(eq(knowledgeRevisions.articleId, articleId));
  return row.n + 1;
}

/** A new article: a row residents cannot see yet, and its first revision. */
export async function createArticle(actor: CurrentUser, input: { slug: string; language: Language; translationOf?: string | null; content: ArticleContent; submit: boolean }) {
  requireEditor(actor);
  return db.transaction(async (tx) => {
    const [exists] = await tx
      .select({ id: knowledgeArticles.id })
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.slug, input.slug), eq(knowledgeArticles.language, input.language)));
    if (exists) throw new DomainError("CONFLICT", "knowledge:errors.slugTaken");
    const { otherLanguageTerms, ...articleContent } = input.content;
    const [article] = await tx
      .insert(knowledgeArticles)
      .values({
        slug: input.slug,
        language: input.language,
        translationOf: input.language === "nl" ? null : (input.translationOf ?? input.slug),
        ...articleContent,
        status: "draft",
      })
      .returning({ id: knowledgeArticles.id });
    const [rev] = await tx
      .insert(knowledgeRevisions)
      .values({
        articleId: article.id,
        number: 1,
        ...articleContent,
        otherLanguageTerms: input.language === "nl" ? (otherLanguageTerms ?? {}) : {},
        status: input.submit ? "in_review" : "draft",
        origin: "editor",
        authorId: actor.id,
      })
      .returning({ id: knowledgeRevisions.id });
    return { articleId: article.id, revisionId: rev.id };
  });
}

/** Every save is a new revision with its author and time; "submit" sends it for review. */
export async function saveRevision(actor: CurrentUser, articleId: string, content: ArticleContent, submit: boolean) {
  requireEditor(actor);
  return db.transaction(async (tx) => {
    const [article] = await tx
      .select({ id: knowledgeArticles.id, language: knowledgeArticles.language })
      .from(knowledgeArticles)
      .where(eq(knowledgeArticles.id, articleId))
      .for("update");
    if (!article) throw new DomainError("NOT_FOUND", "knowledge:errors.notFound");
    const [rev] = await tx
      .insert(knowledgeRevisions)
      .values({
        articleId,
        number: await nextNumber(tx, articleId),
        ...content,
        otherLanguageTerms: article.language === "nl" ? (content.otherLanguageTerms ?? {}) : {},
        status: submit ? "in_review" : "draft",
        origin: "editor",
        authorId: actor.id,
      })
      .returning({ id: knowledgeRevisions.id });
    return rev.id;
  });
}

/**
 * Four eyes: a second editor publishes a revision that is in review. The author of the
 * revision cannot publish it, nor can anyone publish a revision that is not the newest.
 */
export async function publishRevision(actor: CurrentUser, revisionId: string) {
  requireEditor(actor);
  const published = await db.transaction(async (tx) => {
    const [rev] = await tx.select().from(knowledgeRevisions).where(eq(knowledgeRevisions.id, revisionId)).for("update");
    if (!rev) throw new DomainError("NOT_FOUND", "knowledge:errors.notFound");
    const [article] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, rev.articleId)).for("update");
    if (rev.authorId === actor.id) throw new DomainError("FORBIDDEN", "knowledge:errors.fourEyes");
    if (rev.status !== "in_review") throw new DomainError("INVALID_STATE", "knowledge:errors.notInReview");
    const [newest] = await tx
      .select({ id: knowledgeRevisions.id })
      .from(knowledgeRevisions)
      .where(eq(knowledgeRevisions.articleId, rev.articleId))
      .orderBy(desc(knowledgeRevisions.number))
      .limit(1);
    if (newest.id !== rev.id) throw new DomainError("INVALID_STATE", "knowledge:errors.notNewest");
    await tx.update(knowledgeRevisions).set({ status: "published", publishedById: actor.id, publishedAt: new Date() }).where(eq(knowledgeRevisions.id, rev.id));
    const content: ArticleContent = {
      title: rev.title,
      summary: rev.summary,
      body: rev.body,
      themes: rev.themes,
      audiences: rev.audiences,
      source: rev.source,
      related: rev.related,
      serviceSlug: rev.serviceSlug,
      searchTerms: rev.searchTerms,
      questions: rev.questions,
      reviewBefore: rev.reviewBefore ?? addMonths(today(), 12),
    };
    await applyPublishedContent(tx, article.id, article.language, content, rev.id, today());
    if (article.language === "nl") await applyOtherLanguageTerms(tx, article.slug, rev.otherLanguageTerms);
    return { slug: article.slug, language: article.language };
  });
  // After the commit: a search running meanwhile cannot put the old results back.
  clearSearchCache();
  return published;
}

export async function listArticlesForEditors(actor: CurrentUser) {
  requireEditor(actor);
  return db.execute<{ id: string; slug: string; language: Language; title: string; status: string; work_status: string; review_before: string | null }>(sql`
    select a.id, a.slug, a.language, coalesce(r.title, a.title) as title, a.status, r.status as work_status, a.review_before::text
    from knowledge_articles a
    left join lateral (select title, status from knowledge_revisions where article_id = a.id order by number desc limit 1) r on true
    order by a.language = 'nl' desc, a.language, coalesce(r.title, a.title)`);
}

/** What needs an editor: reviews waiting, articles due for review, searches without results, unhelpful answers. */
export async function editorialOverview(actor: CurrentUser, opts: { dueWithinDays?: number } = {}) {
  requireEditor(actor);
  const horizon = new Date(Date.now() + (opts.dueWithinDays ?? 30) * 86400_000).toISOString().slice(0, 10);
  await flushSearchLog();
  const [awaitingReview, due, zeroResults, lowHelpfulness] = await Promise.all([
    db
      .select({
        revisionId: knowledgeRevisions.id,
        articleId: knowledgeArticles.id,
        title: knowledgeRevisions.title,
        language: knowledgeArticles.language,
        author: author.name,
        authorId: knowledgeRevisions.authorId,
        createdAt: knowledgeRevisions.createdAt,
      })
      .from(knowledgeRevisions)
      .innerJoin(knowledgeArticles, eq(knowledgeArticles.id, knowledgeRevisions.articleId))
      .leftJoin(author, eq(author.id, knowledgeRevisions.authorId))
      // Only the newest revision of an article can be published; older ones are superseded.
      .where(
        and(
          eq(knowledgeRevisions.status, "in_review"),
          sql`not exists (select 1 from knowledge_revisions newer where newer.article_id = ${knowledgeRevisions.articleId} and newer.number > ${knowledgeRevisions.number})`,
        ),
      )
      .orderBy(asc(knowledgeRevisions.createdAt)),
    db
      .select({ id: knowledgeArticles.id, title: knowledgeArticles.title, language: knowledgeArticles.language, reviewBefore: knowledgeArticles.reviewBefore })
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.status, "published"), lte(knowledgeArticles.reviewBefore, horizon)))
      .orderBy(asc(knowledgeArticles.reviewBefore), asc(knowledgeArticles.title))
      .limit(100),
    db.execute<{ query: string; language: string; searches: number; last: string }>(sql`
      select query, language, count(*)::int as searches, max(created_at)::text as last from knowledge_search_log
      where result_count = 0 and created_at > now() - interval '90 days'
      group by query, language order by count(*) desc, max(created_at) desc limit 50`),
    db.execute<{ id: string; title: string; language: string; votes: number; helpful: number }>(sql`
      select a.id, a.title, a.language, count(*)::int as votes, count(*) filter (where f.helpful)::int as helpful
      from knowledge_feedback f join knowledge_articles a on a.id = f.article_id
      where f.created_at > now() - interval '180 days'
      group by a.id having count(*) >= 2 and count(*) filter (where f.helpful)::float / count(*) < 0.6
      order by count(*) filter (where f.helpful)::float / count(*), count(*) desc limit 50`),
  ]);
  return { awaitingReview, due, zeroResults: [...zeroResults], lowHelpfulness: [...lowHelpfulness] };
}

export async function getArticleForEditing(actor: CurrentUser, articleId: string) {
  requireEditor(actor);
  const [article] = await db.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, articleId));
  if (!article) throw new DomainError("NOT_FOUND", "knowledge:errors.notFound");
  const revisions = await db
    .select({
      id: knowledgeRevisions.id,
      number: knowledgeRevisions.number,
      status: knowledgeRevisions.status,
      origin: knowledgeRevisions.origin,
      authorId: knowledgeRevisions.authorId,
      author: author.name,
      createdAt: knowledgeRevisions.createdAt,
    })
    .from(knowledgeRevisions)
    .leftJoin(author, eq(author.id, knowledgeRevisions.authorId))
    .where(eq(knowledgeRevisions.articleId, articleId))
    .orderBy(desc(knowledgeRevisions.number));
  const [latest] = revisions.length ? await db.select().from(knowledgeRevisions).where(eq(knowledgeRevisions.id, revisions[0].id)) : [];
  const bestBets = await db
    .select({ id: knowledgeBestBets.id, query: knowledgeBestBets.query })
    .from(knowledgeBestBets)
    .where(eq(knowledgeBestBets.articleId, articleId))
    .orderBy(asc(knowledgeBestBets.query));
  const current = latest ?? article;
  return {
    article: {
      id: article.id,
      slug: article.slug,
      language: article.language,
      status: article.status,
      lastChecked: article.lastChecked,
      dutchChangedAt: article.language === "nl" ? null : article.dutchChangedAt,
    },
    latest: latest ? { id: latest.id, number: latest.number, status: latest.status, authorId: latest.authorId } : null,
    content: {
      title: current.title,
      summary: current.summary,
      body: current.body,
      themes: current.themes,
      audiences: current.audiences,
      sourceTheme: current.source?.theme ?? "",
      sourceSection: current.source?.section ?? "",
      searchTerms: current.searchTerms.join(", "),
      searchTermsEn: (latest?.otherLanguageTerms.en ?? []).join(", "),
      searchTermsFr: (latest?.otherLanguageTerms.fr ?? []).join(", "),
      questions: current.questions.join("\n"),
      related: current.related.join(", "),
      serviceSlug: current.serviceSlug ?? "",
      reviewBefore: current.reviewBefore ?? "",
    },
    readability: scoreContent(current),
    revisions: markReplaced(revisions),
    bestBets,
  };
}

const DIFF_FIELDS = ["title", "summary", "body", "searchTerms", "questions", "themes", "audiences", "related", "serviceSlug", "reviewBefore"] as const;
const asText = (v: unknown) => (Array.isArray(v) ? v.join("\n") : v == null ? "" : String(v));

/** What a revision changed compared with the one before it, word by word, per field. */
export async function revisionDiff(actor: CurrentUser, revisionId: string) {
  requireEditor(actor);
  const [rev] = await db.select().from(knowledgeRevisions).where(eq(knowledgeRevisions.id, revisionId));
  if (!rev) throw new DomainError("NOT_FOUND", "knowledge:errors.notFound");
  const [previous] = await db
    .select()
    .from(knowledgeRevisions)
    .where(and(eq(knowledgeRevisions.articleId, rev.articleId), eq(knowledgeRevisions.number, rev.number - 1)));
  const authorName = rev.authorId ? (await personNames([rev.authorId], db)).get(rev.authorId) : undefined;
  const fields = DIFF_FIELDS.map((field) => {
    const before = asText(previous?.[field]);
    const after = asText(rev[field]);
    return { field, changed: before !== after, parts: diffWords(before, after).map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed })) };
  }).filter((f) => f.changed);
  return {
    articleId: rev.articleId,
    number: rev.number,
    previousNumber: previous?.number ?? null,
    author: authorName ?? null,
    origin: rev.origin,
    createdAt: rev.createdAt,
    status: rev.status,
    fields,
  };
}

export async function pinBestBet(actor: CurrentUser, articleId: string, query: string) {
  requireEditor(actor);
  const [article] = await db.select({ id: knowledgeArticles.id, language: knowledgeArticles.language }).from(knowledgeArticles).where(eq(knowledgeArticles.id, articleId));
  if (!article) throw new DomainError("NOT_FOUND", "knowledge:errors.notFound");
  await db
    .insert(knowledgeBestBets)
    .values({ query: normalize(query), language: article.language, articleId, createdById: actor.id })
    .onConflictDoNothing();
  clearSearchCache();
}

export async function removeBestBet(actor: CurrentUser, articleId: string, bestBetId: string) {
  requireEditor(actor);
  await db.delete(knowledgeBestBets).where(and(eq(knowledgeBestBets.id, bestBetId), eq(knowledgeBestBets.articleId, articleId)));
  clearSearchCache();
}

/** A published version is "replaced" once a newer version has been published after it. */
export function markReplaced<R extends { number: number; status: string }>(revisions: R[]): (R & { replaced: boolean })[] {
  const newestPublished = Math.max(0, ...revisions.filter((r) => r.status === "published").map((r) => r.number));
  return revisions.map((r) => ({ ...r, replaced: r.status === "published" && r.number < newestPublished }));
}

/**
 * The editor's preview: the article as residents will read it (title, lead, body rendered like
 * the public page), from the form's text. Nothing is stored. markdown-it runs with html off.
 */
export function previewArticle(input: { title: string; summary: string; body: string }) {
  return { title: input.title.trim(), summary: input.summary.trim(), html: renderMarkdown(bodyWithoutSummary(input.body, input.summary)) };
}
