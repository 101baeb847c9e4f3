import { and, eq, sql, type SQL } from "drizzle-orm";
import { knowledgeArticles, knowledgeBestBets, knowledgeSearchLog, type Language } from "../../../db/schema";
import { db } from "~/utils/db.server";
import { normalize, scrubQuery, splitCompound, synonymsOf, wordsOf } from "./search-terms";

export type SearchHit = { slug: string; title: string; summary: string; url: string; score: number; snippet: string; bestBet: boolean };
export type SearchResult = {
  query: string;
  results: SearchHit[];
  /** A better spelling when the query found nothing as typed; the results are for it. */
  didYouMean: string | null;
  total: number;
  logId: string | null;
};
export type SearchInput = { query: string; language: Language; theme?: string | null; audience?: string | null; limit?: number; channel?: "web" | "api" };

export const articleUrl = (slug: string, language: Language) => `/mikipedia/${slug}${language === "nl" ? "" : `?lng=${language}`}`;

/** Markers for highlighted words in snippets: the page turns them into <mark>, never raw HTML. */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

type Row = { slug: string; title: string; summary: string; score: number; snippet: string; total: number };

async function runQuery(tsquery: SQL, input: SearchInput, limit: number): Promise<Row[]> {
  const filters: SQL[] = [sql`a.language = ${input.language}`, sql`a.status = 'published'`, sql`a.search_vector @@ q.q`];
  if (input.theme) filters.push(sql`a.themes @> array[${input.theme}]::text[]`);
  if (input.audience) filters.push(sql`a.audiences @> array[${input.audience}]::text[]`);
  // Rank every match, but build the (costly) highlighted snippet only for the page shown.
  const rows = await db.execute<Row>(sql`
    with q as (select ${tsquery} as q, knowledge_ts_config(${input.language}) as cfg),
    ranked as (
      select a.slug, a.title, a.summary, a.body, ts_rank(a.search_vector, q.q, 1) as score, count(*) over () as total
      from knowledge_articles a, q
      where ${sql.join(filters, sql` and `)}
      order by score desc, a.title
      limit ${limit}
    )
    select r.slug, r.title, r.summary, r.score::float8 as score, r.total::int as total,
      ts_headline(q.cfg, r.summary || ' ' || regexp_replace(r.body, '[#*_>\\[\\]]+', '', 'g'), q.q,
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, ShortWord=2, MaxFragments=1`}) as snippet
    from ranked r, q
    order by r.score desc, r.title`);
  return [...rows];
}

const strict = (input: SearchInput, text: string) => sql`websearch_to_tsquery(knowledge_ts_config(${input.language}), ${text})`;

/** Any of the words (and their compound parts and synonyms): for questions as people type them. */
function anyWord(input: SearchInput, text: string) {
  const words = new Set<string>();
  // Loose numbers ("12") would match any article with a number in it.
  for (const w of wordsOf(text).filter((x) => !/^\d+$/.test(x))) {
    words.add(w);
    splitCompound(w).forEach((p) => words.add(p));
    synonymsOf(w).forEach((s) => wordsOf(s).length === 1 && words.add(s));
  }
  return sql`websearch_to_tsquery(knowledge_ts_config(${input.language}), ${[...words].join(" or ")})`;
}

/** The closest known word for every unknown word of the query (pg_trgm), or null. */
async function suggest(text: string, language: Language): Promise<string | null> {
  const words = wordsOf(text);
  let changed = false;
  const out: string[] = [];
  for (const w of words) {
    if (w.length < 4) {
      out.push(w);
      continue;
    }
    const rows = await db.execute<{ word: string; exact: boolean }>(sql`
      select word, word = ${w} as exact from knowledge_words
      where language = ${language} and word % ${w} and similarity(word, ${w}) >= 0.5
      order by word = ${w} desc, similarity(word, ${w}) desc, word limit 1`);
    const best = rows[0];
    if (best && !best.exact) {
      out.push(best.word);
      changed = true;
    } else out.push(w);
  }
  return changed ? out.join(" ") : null;
}

async function bestBets(input: SearchInput): Promise<Row[]> {
  const rows = await db
    .select({ slug: knowledgeArticles.slug, title: knowledgeArticles.title, summary: knowledgeArticles.summary })
    .from(knowledgeBestBets)
    .innerJoin(knowledgeArticles, eq(knowledgeArticles.id, knowledgeBestBets.articleId))
    .where(and(eq(knowledgeBestBets.query, normalize(input.query)), eq(knowledgeBestBets.language, input.language), eq(knowledgeArticles.status, "published")));
  return rows.map((r) => ({ ...r, score: 1, snippet: r.summary, total: 0 }));
}

/**
 * The one Mikipedia search, for the pages, the counter and the JSON API alike: all words
 * first; nothing found, then a spelling suggestion ("Bedoelde u ...?"); still nothing, then
 * any of the words. Editors' best bets come first. Every search is logged without personal data.
 */
export async function searchArticles(input: SearchInput): Promise<SearchResult> {
  const query = input.query.replace(/\s+/g, " ").trim().slice(0, 200);
  const limit = Math.min(Math.max(input.limit ?? 10, 1), 50);
  if (!query) return { query, results: [], didYouMean: null, total: 0, logId: null };

  let didYouMean: string | null = null;
  let rows = await runQuery(strict(input, query), input, limit);
  if (!rows.length) {
    const suggestion = await suggest(query, input.language);
    if (suggestion) {
      rows = await runQuery(strict(input, suggestion), input, limit);
      if (rows.length) didYouMean = suggestion;
    }
  }
  if (!rows.length) rows = await runQuery(anyWord(input, query), input, limit);

  const pinned = await bestBets(input);
  const pinnedSlugs = new Set(pinned.map((p) => p.slug));
  const total = (rows[0]?.total ?? 0) + pinned.filter((p) => !rows.some((r) => r.slug === p.slug)).length;
  const results: SearchHit[] = [...pinned, ...rows.filter((r) => !pinnedSlugs.has(r.slug))].slice(0, limit).map((r) => ({
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    url: articleUrl(r.slug, input.language),
    score: Math.round(Number(r.score) * 10000) / 10000,
    snippet: r.snippet,
    bestBet: pinnedSlugs.has(r.slug),
  }));

  const [log] = await db
    .insert(knowledgeSearchLog)
    .values({ query: scrubQuery(query), language: input.language, channel: input.channel ?? "web", resultCount: total })
    .returning({ id: knowledgeSearchLog.id });
  return { query, results, didYouMean, total, logId: log.id };
}

/** A visitor opened a result: remembered on the logged search (once). */
export async function recordSearchClick(logId: string, slug: string) {
  if (!/^[0-9a-f-]{36}$/i.test(logId)) return;
  await db.execute(sql`update knowledge_search_log set clicked_slug = ${slug} where id = ${logId} and clicked_slug is null and created_at > now() - interval '1 hour'`);
}
