import { and, eq, sql, type SQL } from "drizzle-orm";
import { knowledgeArticles, knowledgeBestBets, knowledgeSearchLog, type Language } from "../../../db/schema";
import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server";
import { cachedSearch, searchCacheKey } from "./search-cache";
import { normalize, scrubQuery, splitCompound, synonymsOf, wordsOf } from "./search-terms";
import { countSearch } from "~/server/metrics";
import { logError } from "~/modules/platform/logger.server";

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

/** The text search configuration per language, as a constant so the planner uses the GIN index. */
const CONFIG: Record<Language, SQL> = { nl: sql.raw(`'dutch_unaccent'::regconfig`), en: sql.raw(`'english_unaccent'::regconfig`), fr: sql.raw(`'french_unaccent'::regconfig`), ar: sql.raw(`'arabic'::regconfig`), tr: sql.raw(`'turkish_unaccent'::regconfig`) };

async function runQuery(tsquery: SQL, input: SearchInput, limit: number): Promise<Row[]> {
  // The query is written out in the WHERE clause (not joined from a CTE): only then is it an index condition.
  const filters: SQL[] = [sql`a.language = ${input.language}`, sql`a.status = 'published'`, sql`a.search_vector @@ ${tsquery}`];
  if (input.theme) filters.push(sql`a.themes @> array[${input.theme}]::text[]`);
  if (input.audience) filters.push(sql`a.audiences @> array[${input.audience}]::text[]`);
  // Rank every match, but build the (costly) highlighted snippet only for the page shown.
  const rows = await db.execute<Row>(sql`
    with ranked as (
      select a.slug, a.title, a.summary, a.body, ts_rank(a.search_vector, ${tsquery}, 1) as score, count(*) over () as total
      from knowledge_articles a
      where ${sql.join(filters, sql` and `)}
      order by score desc, a.title
      limit ${limit}
    )
    select r.slug, r.title, r.summary, r.score::float8 as score, r.total::int as total,
      ts_headline(${CONFIG[input.language]}, r.summary || ' ' || regexp_replace(left(r.body, 2000), '[#*_>\\[\\]]+', '', 'g'), ${tsquery},
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, ShortWord=2, MaxFragments=1`}) as snippet
    from ranked r
    order by r.score desc, r.title`);
  return [...rows];
}

const strict = (input: SearchInput, text: string) => sql`websearch_to_tsquery(${CONFIG[input.language]}, ${text})`;

/** Any of the words (and their compound parts and synonyms): for questions as people type them. */
function anyWord(input: SearchInput, text: string) {
  const words = new Set<string>();
  // Loose numbers ("12") would match any article with a number in it.
  for (const w of wordsOf(text).filter((x) => !/^\d+$/.test(x))) {
    words.add(w);
    splitCompound(w).forEach((p) => words.add(p));
    synonymsOf(w).forEach((s) => wordsOf(s).length === 1 && words.add(s));
  }
  return sql`websearch_to_tsquery(${CONFIG[input.language]}, ${[...words].join(" or ")})`;
}

/** The closest known word for every unknown word of the query (pg_trgm), or null. One round trip. */
async function suggest(text: string, language: Language): Promise<string | null> {
  const words = wordsOf(text);
  const candidates = [...new Set(words.filter((w) => w.length >= 4 && !/^\d+$/.test(w)))];
  if (!candidates.length) return null;
  const rows = await db.execute<{ w: string; best: string | null }>(sql`
    select w, (
      select case when exists (select 1 from knowledge_words k where k.language = ${language} and k.word = w) then null else (
        select word from knowledge_words where language = ${language} and word % w and similarity(word, w) >= 0.5
        order by similarity(word, w) desc, word limit 1) end
    ) as best
    from unnest(${sql.raw("array[")}${sql.join(candidates.map((c) => sql`${c}`), sql`, `)}${sql.raw("]::text[]")}) as w`);
  const fix = new Map(rows.filter((r) => r.best).map((r) => [r.w, r.best!]));
  return fix.size ? words.map((w) => fix.get(w) ?? w).join(" ") : null;
}

async function bestBets(input: SearchInput): Promise<Row[]> {
  const rows = await db
    .select({ slug: knowledgeArticles.slug, title: knowledgeArticles.title, summary: knowledgeArticles.summary })
    .from(knowledgeBestBets)
    .innerJoin(knowledgeArticles, eq(knowledgeArticles.id, knowledgeBestBets.articleId))
    .where(and(eq(knowledgeBestBets.query, normalize(input.query)), eq(knowledgeBestBets.language, input.language), eq(knowledgeArticles.status, "published")));
  return rows.map((r) => ({ ...r, score: 1, snippet: r.summary, total: 0 }));
}

type Found = { results: SearchHit[]; didYouMean: string | null; total: number };

/** The search itself, without logging: what the short-lived cache keeps. */
async function find(input: SearchInput, query: string, limit: number): Promise<Found> {
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

  const pinned = await bestBets({ ...input, query });
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
  return { results, didYouMean, total };
}

/**
 * The search log is written in small batches: one insert every LOG_FLUSH_MS (or every
 * LOG_BATCH rows) instead of one transaction per search. The id is made here, so the page
 * can link the click to it at once. A log row is not worth waiting for the disk: losing the
 * last few in a crash is fine (hence also `synchronous_commit = off`).
 */
const LOG_FLUSH_MS = 100;
const LOG_BATCH = 200;
type LogRow = typeof knowledgeSearchLog.$inferInsert;
let pendingLog: LogRow[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;
let flushing: Promise<void> = Promise.resolve();

function queueLog(row: LogRow) {
  pendingLog.push(row);
  if (pendingLog.length >= LOG_BATCH) void flushSearchLog();
  else if (!flushTimer) {
    flushTimer = setTimeout(() => void flushSearchLog(), LOG_FLUSH_MS);
    flushTimer.unref?.();
  }
}

/** Writes the searches not yet in the log (readers of the log call this first). */
export async function flushSearchLog(): Promise<void> {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  const rows = pendingLog;
  pendingLog = [];
  const previous = flushing;
  flushing = (async () => {
    await previous;
    if (!rows.length) return;
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local synchronous_commit = off`);
        await tx.insert(knowledgeSearchLog).values(rows);
      });
    } catch (err) {
      logError(err, `search log: ${rows.length} searches not written`);
    }
  })();
  return flushing;
}

/**
 * The one Mikipedia search, for the pages, the counter and the JSON API alike: all words
 * first; nothing found, then a spelling suggestion ("Bedoelde u ...?"); still nothing, then
 * any of the words. Editors' best bets come first. The same search within a few seconds is
 * answered from a short-lived cache (./search-cache.ts). Every search is logged without personal data.
 */
export async function searchArticles(input: SearchInput): Promise<SearchResult> {
  const query = input.query.replace(/\s+/g, " ").trim().slice(0, 200);
  const limit = Math.min(Math.max(input.limit ?? 10, 1), 50);
  if (!query) return { query, results: [], didYouMean: null, total: 0, logId: null };

  const key = searchCacheKey({ query, language: input.language, theme: input.theme, audience: input.audience, limit });
  const { results, didYouMean, total } = await cachedSearch(key, () => find(input, query, limit));

  const logId = randomUUID();
  queueLog({ id: logId, query: scrubQuery(query), language: input.language, channel: input.channel ?? "web", resultCount: total, createdAt: new Date() });
  countSearch(input.channel ?? "web", total);
  return { query, results, didYouMean, total, logId };
}

/** A visitor opened a result: remembered on the logged search (once). */
export async function recordSearchClick(logId: string, slug: string) {
  if (!/^[0-9a-f-]{36}$/i.test(logId)) return;
  await flushSearchLog();
  await db.execute(sql`update knowledge_search_log set clicked_slug = ${slug} where id = ${logId} and clicked_slug is null and created_at > now() - interval '1 hour'`);
}
