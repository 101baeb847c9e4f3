import { finishSnippet } from "./presentation";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { knowledgeArticles, knowledgeBestBets, knowledgeSearchLog, type Language } from "../../../db/schema";
import { randomUUID } from "node:crypto";
import { db } from "~/utils/db.server";
import { cachedSearch, onSearchCacheClear, searchCacheKey } from "./search-cache";
import { analyzeQuery, CREDIT, idf, type Concept, type Form } from "./search-query";
import { normalize, scrubQuery, wordsOf } from "./search-terms";
import { countSearch } from "~/server/metrics";
import { logError } from "~/modules/platform/logger.server";

export type SearchHit = {
  slug: string;
  title: string;
  summary: string;
  url: string;
  score: number;
  snippet: string;
  bestBet: boolean;
  /** The article exists only in Dutch: the title, summary and snippet are the Dutch text. */
  onlyInDutch: boolean;
};
export type SearchResult = {
  query: string;
  results: SearchHit[];
  /** A better spelling when the query found nothing as typed; the results are for it. */
  didYouMean: string | null;
  total: number;
  logId: string | null;
  /** True when nothing answers the question well enough: show the ways to a person instead. */
  noAnswer: boolean;
};
export type SearchInput = { query: string; language: Language; theme?: string | null; audience?: string | null; limit?: number; channel?: "web" | "api" };

export const articleUrl = (slug: string, language: Language) => `/mikipedia/${slug}${language === "nl" ? "" : `?lng=${language}`}`;

/** Markers for highlighted words in snippets: the page turns them into <mark>, never raw HTML. */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

/**
 * The relevance threshold (issue 16). An article answers a query when it covers more than this
 * share of the query's content words (half a question is not answered), each word weighed by how rare it is among the articles
 * (idf) and each match by where it is and how it was found (search-query.ts, FIELD below).
 * A word only in the body counts for less than half: an article that merely mentions
 * "identiteitskaart" in its list of what to bring does not answer "identiteitskaart verloren".
 */
export const MIN_COVERAGE = 0.5;
/** Where the word is found: title, questions or keywords (A, B); summary (C); body (D). */
const FIELD = [
  { weights: "AB", factor: 1 },
  { weights: "C", factor: 0.8 },
  { weights: "", factor: 0.4 },
] as const;
/** Only this many best candidates (by ts_rank) are scored for coverage: bounds the work per search. */
const CANDIDATES = 100;

type Row = { slug: string; title: string; summary: string; score: number; snippet: string; total: number; dutch_only: boolean };

/** The text search configuration per language, as a constant so the planner uses the GIN index. */
const CONFIG: Record<Language, SQL> = { nl: sql.raw(`'dutch_unaccent'::regconfig`), en: sql.raw(`'english_unaccent'::regconfig`), fr: sql.raw(`'french_unaccent'::regconfig`), ar: sql.raw(`'arabic'::regconfig`), tr: sql.raw(`'turkish_unaccent'::regconfig`) };

/** A form as tsquery text: its parts (all needed), optionally as a prefix, limited to some fields. */
function tsText(form: Form, weights: string) {
  const label = form.prefix || weights ? `:${form.prefix ? "*" : ""}${weights}` : "";
  const parts = form.parts.map((p) => `${p}${label}`);
  return parts.length > 1 ? `(${parts.join(" & ")})` : parts[0];
}

/**
 * Word statistics per language, for the idf weights and for splitting compounds: the number
 * of searchable documents, the words the articles use (knowledge_words) and in how many
 * documents each occurs. Computed once and kept until an article is published (the search
 * cache is cleared then) or for STATS_TTL_MS at most. Statistics, not results: they stay on
 * when SEARCH_CACHE_SECONDS=0 turns the result cache off.
 */
type Stats = { documents: number; df: Map<string, number>; vocabulary: Set<string>; expires: number };
const STATS_TTL_MS = 10 * 60_000;
const stats = new Map<Language, Promise<Stats>>();
onSearchCacheClear(() => stats.clear());

async function loadStats(language: Language): Promise<Stats> {
  const lang = sql.raw(`'${language}'`);
  const docs =
    language === "nl"
      ? `select search_vector from knowledge_articles where language = 'nl' and status = 'published'`
      : `select search_vector from knowledge_articles where language = '${language}' and status = 'published' union all select search_vector from knowledge_search_terms where language = '${language}'`;
  const [counts, words] = await Promise.all([
    db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from (${docs}) d`)),
    db.execute<{ word: string; df: number }>(sql`
      with st as (select word, ndoc from ts_stat(${docs}))
      select w.word, coalesce(max(st.ndoc), 0)::int as df
      from knowledge_words w
      left join lateral unnest(tsvector_to_array(to_tsvector(${CONFIG[language]}, w.word))) lex on true
      left join st on st.word = lex
      where w.language = ${lang}
      group by w.word`),
  ]);
  return {
    documents: counts[0]?.n ?? 0,
    df: new Map(words.map((w) => [w.word, Number(w.df)])),
    vocabulary: new Set(words.map((w) => w.word)),
    expires: Date.now() + STATS_TTL_MS,
  };
}

async function statsFor(language: Language): Promise<Stats> {
  const cached = stats.get(language);
  if (cached) {
    const s = await cached.catch(() => null);
    if (s && s.expires > Date.now()) return s;
    if (stats.get(language) === cached) stats.delete(language);
  }
  if (!stats.has(language)) stats.set(language, loadStats(language));
  return stats.get(language)!;
}

/**
 * Finds the articles that answer the query: candidates hold any form of any content word
 * (GIN index), the best CANDIDATES by ts_rank are scored by coverage (MIN_COVERAGE above),
 * and those above the threshold are ranked by coverage, then ts_rank. In English and French,
 * Dutch articles without a translation are found through their search terms in that language
 * (knowledge_search_terms) and marked as Dutch-only.
 */
async function runQuery(concepts: Concept[], st: Stats, input: SearchInput, limit: number): Promise<Row[]> {
  if (!concepts.length) return [];
  const cfg = CONFIG[input.language];
  const tsq = (text: string) => sql`to_tsquery(${cfg}, ${text})`;
  const any = tsq(concepts.flatMap((c) => c.forms.map((f) => tsText(f, ""))).join(" | "));
  const weighted = concepts.map((c) => ({ concept: c, weight: idf(st.df.get(c.word) ?? 0, st.documents) }));
  // Per concept: the best of (form credit × field factor), tested from the highest value down.
  const coverage = sql.join(
    weighted.map(({ concept, weight }) => {
      const tests = concept.forms
        .flatMap((f) => FIELD.map((field) => ({ text: tsText(f, field.weights), value: f.credit * field.factor })))
        .sort((x, y) => y.value - x.value);
      return sql`${weight}::float8 * (case ${sql.join(
        tests.map((t) => sql`when d.v @@ ${tsq(t.text)} then ${t.value}::float8`),
        sql` `,
      )} else 0 end)`;
    }),
    sql` + `,
  );
  // A concept whose typed word is a stop word of the stemmer ("kan") weighs nothing.
  const total = sql.join(
    weighted.map(({ concept, weight }) => sql`case when numnode(${tsq(tsText(concept.forms[0], ""))}) > 0 then ${weight}::float8 else 0 end`),
    sql` + `,
  );
  const filters = (alias: string) => {
    const a = sql.raw(alias);
    const out: SQL[] = [sql`${a}.status = 'published'`];
    if (input.theme) out.push(sql`${a}.themes @> array[${input.theme}]::text[]`);
    if (input.audience) out.push(sql`${a}.audiences @> array[${input.audience}]::text[]`);
    return sql.join(out, sql` and `);
  };
  // The query is written out in each WHERE clause (not joined from a CTE): only then is it an index condition.
  const docs =
    input.language === "nl"
      ? sql`select a.slug, a.title, a.summary, a.body, a.search_vector as v, false as dutch_only
          from knowledge_articles a where a.language = 'nl' and ${filters("a")} and a.search_vector @@ ${any}`
      : sql`select coalesce(a.translation_of, a.slug) as slug, a.title, a.summary, a.body, a.search_vector as v, false as dutch_only
          from knowledge_articles a
          where a.language = ${input.language} and ${filters("a")} and a.search_vector @@ ${any}
        union all
        select t.slug, a.title, a.summary, a.body, a.search_vector, false
          from knowledge_search_terms t join knowledge_articles a on a.language = ${input.language} and a.slug = t.slug
          where t.language = ${input.language} and t.search_vector @@ ${any} and ${filters("a")} and not (a.search_vector @@ ${any})
        union all
        select n.slug, n.title, n.summary, n.body, t.search_vector, true
          from knowledge_search_terms t join knowledge_articles n on n.language = 'nl' and n.slug = t.slug
          where t.language = ${input.language} and t.search_vector @@ ${any} and ${filters("n")}
            and not exists (select 1 from knowledge_articles x where x.language = ${input.language} and x.status = 'published' and x.slug = t.slug)
            and not exists (select 1 from knowledge_articles x where x.language = ${input.language} and x.status = 'published' and x.translation_of = t.slug)`;
  const rows = await db.execute<Row>(sql`
    with p as (select (${total})::float8 as denom),
    ranked_docs as (
      select d.*, ts_rank(d.v, ${any}, 1) as r from (${docs}) d order by r desc limit ${CANDIDATES}
    ),
    candidates as (
      ${
        input.language === "nl"
          ? sql`select * from ranked_docs`
          : // A translated article's own search terms in that language count too (joined for the few candidates only).
            sql`select rd.slug, rd.title, rd.summary, rd.body, case when rd.dutch_only then rd.v else rd.v || coalesce(t.search_vector, ''::tsvector) end as v, rd.dutch_only, rd.r
              from ranked_docs rd left join knowledge_search_terms t on t.slug = rd.slug and t.language = ${input.language}`
      }
    ),
    scored as (
      select d.*, (${coverage}) / nullif(p.denom, 0) as coverage
      from candidates d cross join p
    ),
    ranked as (
      select s.*, s.coverage + least(s.r, 1) * 0.5 as score, count(*) over () as total from scored s
      where s.coverage > ${MIN_COVERAGE}
      order by score desc, s.title
      limit ${limit}
    )
    select r.slug, r.title, r.summary, r.score::float8 as score, r.total::int as total, r.dutch_only,
      case when r.dutch_only then r.summary else ts_headline(${cfg}, r.summary || ' ' || regexp_replace(left(r.body, 2000), '[#*_>\\[\\]]+', '', 'g'), ${any},
        ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, ShortWord=2, MaxFragments=1`}) end as snippet
    from ranked r
    order by r.score desc, r.title`);
  return [...rows];
}

/** The closest known word for every unknown word of the query (pg_trgm), or null. One round trip. */
async function suggest(text: string, language: Language, keep: ReadonlySet<string>): Promise<string | null> {
  const words = wordsOf(text);
  const candidates = [...new Set(words.filter((w) => w.length >= 4 && !/^\d+$/.test(w) && !keep.has(w)))];
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
    .select({ slug: knowledgeArticles.slug, title: knowledgeArticles.title, summary: knowledgeArticles.summary, language: knowledgeArticles.language, translationOf: knowledgeArticles.translationOf })
    .from(knowledgeBestBets)
    .innerJoin(knowledgeArticles, eq(knowledgeArticles.id, knowledgeBestBets.articleId))
    .where(and(eq(knowledgeBestBets.query, normalize(input.query)), eq(knowledgeBestBets.language, input.language), eq(knowledgeArticles.status, "published")));
  return rows.map((r) => ({ slug: r.translationOf ?? r.slug, title: r.title, summary: r.summary, score: 1, snippet: r.summary, total: 0, dutch_only: r.language !== input.language }));
}

type Found = { results: SearchHit[]; didYouMean: string | null; total: number };

/** The search itself, without logging: what the short-lived cache keeps. */
async function find(input: SearchInput, query: string, limit: number): Promise<Found> {
  const st = await statsFor(input.language);
  let didYouMean: string | null = null;
  const concepts = analyzeQuery(query, input.language, st.vocabulary);
  let rows = await runQuery(concepts, st, input, limit);
  if (!rows.length) {
    // Nothing answers as typed: the corrected words get the whole search, not only the strict part.
    // A compound made of known words ("bouwvergunning") is not a typo: it is not "corrected".
    const compounds = new Set(concepts.filter((c) => c.forms.some((f) => f.credit === CREDIT.compound)).map((c) => c.word));
    const suggestion = await suggest(query, input.language, compounds);
    if (suggestion) {
      rows = await runQuery(analyzeQuery(suggestion, input.language, st.vocabulary), st, input, limit);
      if (rows.length) didYouMean = suggestion;
    }
  }

  const pinned = await bestBets({ ...input, query });
  const pinnedSlugs = new Set(pinned.map((p) => p.slug));
  const total = (rows[0]?.total ?? 0) + pinned.filter((p) => !rows.some((r) => r.slug === p.slug)).length;
  const results: SearchHit[] = [...pinned, ...rows.filter((r) => !pinnedSlugs.has(r.slug))].slice(0, limit).map((r) => ({
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    url: articleUrl(r.slug, input.language),
    score: Math.round(Number(r.score) * 10000) / 10000,
    snippet: finishSnippet(r.snippet, r.snippet === r.summary),
    bestBet: pinnedSlugs.has(r.slug),
    onlyInDutch: input.language !== "nl" && r.dutch_only,
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
  if (!query) return { query, results: [], didYouMean: null, total: 0, logId: null, noAnswer: false };

  const key = searchCacheKey({ query, language: input.language, theme: input.theme, audience: input.audience, limit });
  const { results, didYouMean, total } = await cachedSearch(key, () => find(input, query, limit));

  const logId = randomUUID();
  // A search below the relevance threshold is logged with 0 results: a gap for the editors.
  queueLog({ id: logId, query: scrubQuery(query), language: input.language, channel: input.channel ?? "web", resultCount: results.length ? total : 0, createdAt: new Date() });
  countSearch(input.channel ?? "web", results.length ? total : 0);
  return { query, results, didYouMean, total: results.length ? total : 0, logId, noAnswer: results.length === 0 };
}

/** A visitor opened a result: remembered on the logged search (once). */
export async function recordSearchClick(logId: string, slug: string) {
  if (!/^[0-9a-f-]{36}$/i.test(logId)) return;
  await flushSearchLog();
  await db.execute(sql`update knowledge_search_log set clicked_slug = ${slug} where id = ${logId} and clicked_slug is null and created_at > now() - interval '1 hour'`);
}
