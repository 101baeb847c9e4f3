import { finishSnippet } from "./presentation";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { knowledgeArticles, knowledgeBestBets, knowledgeSearchLog, type Language } from "../../../db/schema";
import { randomUUID } from "node:crypto";
import { db, pgClient } from "~/utils/db.server";
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
/**
 * The snippet is the best passage of the summary and the start of the body. ts_headline parses
 * and stems all of that text for every result shown, the largest cost of a search after finding
 * the candidates: 800 characters of body (was 2,000) keep it to the summary and the first
 * paragraphs, where the answer is written.
 */
const SNIPPET_BODY_CHARS = 800;
/** Only this many best candidates (by ts_rank on the head vector) are scored for coverage: bounds the work per search. */
const CANDIDATES = 100;

type Row = { slug: string; title: string; summary: string; score: number; snippet: string; total: number; dutch_only: boolean; pinned?: boolean };

/** The text search configuration per language, as a constant so the planner uses the GIN index. */
const CONFIG_TEXT: Record<Language, string> = {
  nl: `'dutch_unaccent'::regconfig`,
  en: `'english_unaccent'::regconfig`,
  fr: `'french_unaccent'::regconfig`,
  ar: `'arabic'::regconfig`,
  tr: `'turkish_unaccent'::regconfig`,
};
const CONFIG = Object.fromEntries(Object.entries(CONFIG_TEXT).map(([k, v]) => [k, sql.raw(v)])) as Record<Language, SQL>;

/**
 * Word statistics per language, for the idf weights and for splitting compounds: the number
 * of searchable documents, the words the articles use (knowledge_words) and in how many
 * documents each occurs. Computed once and kept until an article is published (the search
 * cache is cleared then); after STATS_TTL_MS they are reloaded while the old ones still answer.
 * Statistics, not results: they stay on when SEARCH_CACHE_SECONDS=0 turns the result cache off.
 */
type Stats = { documents: number; df: Map<string, number>; vocabulary: Set<string>; expires: number };
const STATS_TTL_MS = 10 * 60_000;
const stats = new Map<Language, Promise<Stats>>();
const refreshing = new Map<Language, Promise<Stats>>();
onSearchCacheClear(() => {
  stats.clear();
  refreshing.clear();
});

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

/**
 * The statistics for a language. Expired ones are still used while the new ones load (one
 * search every STATS_TTL_MS does not wait for ts_stat over every article); after a publication
 * (cache cleared) the next search waits for fresh ones.
 */
async function statsFor(language: Language): Promise<Stats> {
  const cached = stats.get(language);
  if (cached) {
    const s = await cached.catch(() => null);
    if (s && s.expires > Date.now()) return s;
    if (s) {
      // Expired: keep answering with these until the new ones are in.
      if (!refreshing.has(language)) {
        const fresh = loadStats(language);
        refreshing.set(language, fresh);
        fresh
          .then((f) => stats.get(language) === cached && stats.set(language, Promise.resolve(f)))
          .catch(() => {})
          .finally(() => refreshing.get(language) === fresh && refreshing.delete(language));
      }
      return s;
    }
    if (stats.get(language) === cached) stats.delete(language);
  }
  if (!stats.has(language)) stats.set(language, loadStats(language));
  return stats.get(language)!;
}

/** A form as tsquery text: its parts (all needed), optionally as a prefix, limited to some fields. */
function tsText(form: Form, weights: string) {
  const label = form.prefix || weights ? `:${form.prefix ? "*" : ""}${weights}` : "";
  const parts = form.parts.map((p) => `${p}${label}`);
  return parts.length > 1 ? `(${parts.join(" & ")})` : parts[0];
}

/**
 * The search statement, one fixed text per language (its text search configuration and
 * language are literals, so the planner uses that language's GIN index), sent by postgres.js
 * as a named prepared statement: planned once per connection, not per search. Everything that
 * varies with the query comes as parameters, the coverage tests as arrays:
 *
 * $1 the tsquery text of "any form of any content word"; $2–$6 the coverage tests, one per
 * form (concept number; the form anywhere, in title/questions/keywords, in the summary; its
 * credit); $7–$9 the concepts (number, idf weight, tsquery text of the typed word); $10 theme;
 * $11 audience; $12 MIN_COVERAGE; $13 limit; $14 ts_headline options; $15 CANDIDATES; $16 the
 * normalised query for the editors' best bets (null: none), returned in the same result marked `pinned`.
 *
 * 1. Candidates: articles whose head vector (title, questions, keywords, summary; migration
 *    knowledge_search_speed) holds any form of any word, the best CANDIDATES by ts_rank on that
 *    small vector. An article that has the words only in its body cannot pass MIN_COVERAGE
 *    (a body match counts 0.4), so it is not looked at. In the other languages, also the
 *    articles found through their search terms in that language (knowledge_search_terms), and
 *    Dutch articles without a translation found that way (marked Dutch-only).
 * 2. For those candidates only: the full vector (with the body) read once, coverage (per
 *    concept the best value of a test that matches, times its weight, over the weights of the
 *    concepts) and ts_rank; those above MIN_COVERAGE ranked by coverage + ts_rank / 2.
 * 3. The body and the highlighted snippet for the rows returned only.
 *
 * The statement runs without parallel workers (knowledge_search_serial(), see the migration).
 */
function searchStatement(language: Language): string {
  const cfg = CONFIG_TEXT[language];
  const q = `to_tsquery(${cfg}, $1)`;
  const filters = (a: string) =>
    `${a}.status = 'published' and ($10::text is null or ${a}.themes @> array[$10::text]) and ($11::text is null or ${a}.audiences @> array[$11::text])`;
  const rankedDocs =
    language === "nl"
      ? `select a.id, a.slug, false as dutch_only, ts_rank(a.head_vector, ${q}, 1) as hr
          from knowledge_articles a
          where a.language = 'nl' and ${filters("a")} and a.head_vector @@ ${q}
          order by hr desc limit $15`
      : `select * from (
          select a.id, coalesce(a.translation_of, a.slug) as slug, false as dutch_only, ts_rank(a.head_vector, ${q}, 1) as hr
            from knowledge_articles a
            where a.language = '${language}' and ${filters("a")} and a.head_vector @@ ${q}
          union all
          select a.id, t.slug, false, 0::real
            from knowledge_search_terms t join knowledge_articles a on a.language = '${language}' and a.slug = t.slug
            where t.language = '${language}' and t.search_vector @@ ${q} and ${filters("a")} and not (a.head_vector @@ ${q})
          union all
          select n.id, n.slug, true, ts_rank(t.search_vector, ${q}, 1)
            from knowledge_search_terms t join knowledge_articles n on n.language = 'nl' and n.slug = t.slug
            where t.language = '${language}' and t.search_vector @@ ${q} and ${filters("n")}
              and not exists (select 1 from knowledge_articles x where x.language = '${language}' and x.status = 'published' and x.slug = t.slug)
              and not exists (select 1 from knowledge_articles x where x.language = '${language}' and x.status = 'published' and x.translation_of = t.slug)
        ) u order by hr desc limit $15`;
  // "|| ''::tsvector" makes a detoasted copy (rv, for ts_rank): the tests below then do not each
  // decompress the vector again. v adds a translated article's own search terms in its language (weight B).
  const candidates =
    language === "nl"
      ? `select rd.id, rd.slug, rd.dutch_only, a.title, a.summary, a.search_vector || ''::tsvector as rv
          from ranked_docs rd join knowledge_articles a on a.id = rd.id`
      : `select c.id, c.slug, c.dutch_only, c.title, c.summary,
            case when c.dutch_only then c.terms else c.sv || ''::tsvector end as rv, case when c.dutch_only then null else c.terms end as terms
          from (
            select rd.id, rd.slug, rd.dutch_only, a.title, a.summary, a.search_vector as sv,
              (select t.search_vector from knowledge_search_terms t where t.slug = rd.slug and t.language = '${language}') as terms
            from ranked_docs rd join knowledge_articles a on a.id = rd.id offset 0
          ) c`;
  return `
    with tests as materialized (
      select t.concept, to_tsquery(${cfg}, t.q) as q, to_tsquery(${cfg}, t.top) as top, to_tsquery(${cfg}, t.summary) as summary, t.credit
      from unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::float8[]) as t(concept, q, top, summary, credit)
    ),
    concepts as materialized (
      -- A concept whose typed word is a stop word of the stemmer ("kan") weighs nothing.
      -- knowledge_search_serial(): no parallel workers for this statement (migration knowledge_search_speed).
      select c.concept, c.weight, numnode(to_tsquery(${cfg}, c.first)) > 0 as counts from unnest($7::int[], $8::float8[], $9::text[]) as c(concept, weight, first)
      where knowledge_search_serial()
    ),
    ranked_docs as (${rankedDocs}),
    candidates0 as materialized (${candidates}),
    candidates as materialized (
      select c.*, ${language === "nl" ? "c.rv" : "case when c.terms is null then c.rv else c.rv || c.terms end"} as v from candidates0 c
    ),
    matches as (
      select c.id, t.concept,
        max(case when not (c.v @@ t.q) then 0 when c.v @@ t.top then t.credit * ${FIELD[0].factor} when c.v @@ t.summary then t.credit * ${FIELD[1].factor} else t.credit * ${FIELD[2].factor} end) as best
      from candidates c cross join tests t group by c.id, t.concept
    ),
    coverage as (
      select m.id, sum(m.best * k.weight) / nullif((select sum(weight) from concepts where counts), 0) as coverage
      from matches m join concepts k on k.concept = m.concept group by m.id
    ),
    ranked as (
      select c.id, c.slug, c.title, c.summary, c.dutch_only, cv.coverage + least(ts_rank(c.rv, ${q}, 1), 1) * 0.5 as score, count(*) over () as total
      from candidates c join coverage cv on cv.id = c.id
      where cv.coverage > $12
      order by score desc, c.title
      limit $13
    )
    select r.slug, r.title, r.summary, r.score::float8 as score, r.total::int as total, r.dutch_only,
      case when r.dutch_only then r.summary else ts_headline(${cfg}, r.summary || ' ' || regexp_replace(left(a.body, ${SNIPPET_BODY_CHARS}), '[#*_>\\[\\]]+', '', 'g'), ${q}, $14) end as snippet, false as pinned
    from ranked r join knowledge_articles a on a.id = r.id
    union all
    -- The editors' best bets for the query as typed (normalised), in the same round trip.
    select coalesce(a.translation_of, a.slug), a.title, a.summary, 1::float8, 0, a.language <> '${language}', a.summary, true
    from knowledge_best_bets b join knowledge_articles a on a.id = b.article_id
    where b.query = $16 and b.language = '${language}' and a.status = 'published'
    order by pinned desc, score desc, title`;
}
const statements = new Map<Language, string>();
const statementFor = (language: Language) => statements.get(language) ?? statements.set(language, searchStatement(language)).get(language)!;
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=28, MinWords=12, ShortWord=2, MaxFragments=1`;

/**
 * Finds the articles that answer the query (see searchStatement): one round trip. Those above
 * the threshold are ranked by coverage, then ts_rank. In English and French, Dutch articles
 * without a translation are found through their search terms in that language and marked as Dutch-only.
 */
async function runQuery(concepts: Concept[], st: Stats, input: SearchInput, limit: number, betsQuery: string | null): Promise<{ rows: Row[]; pinned: Row[] | null }> {
  if (!concepts.length) return { rows: [], pinned: null };
  const any = concepts.flatMap((c) => c.forms.map((f) => tsText(f, ""))).join(" | ");
  // One test per form: does the article hold it at all, and if so, in which field at best.
  const testConcept: number[] = [];
  const testAny: string[] = [];
  const testTop: string[] = [];
  const testSummary: string[] = [];
  const testCredit: number[] = [];
  concepts.forEach((c, i) => {
    for (const f of c.forms) {
      testConcept.push(i);
      testAny.push(tsText(f, FIELD[2].weights));
      testTop.push(tsText(f, FIELD[0].weights));
      testSummary.push(tsText(f, FIELD[1].weights));
      testCredit.push(f.credit);
    }
  });
  const params = [
    any,
    testConcept,
    testAny,
    testTop,
    testSummary,
    testCredit,
    concepts.map((_, i) => i),
    concepts.map((c) => idf(st.df.get(c.word) ?? 0, st.documents)),
    concepts.map((c) => tsText(c.forms[0], "")),
    input.theme ?? null,
    input.audience ?? null,
    MIN_COVERAGE,
    limit,
    HEADLINE,
    CANDIDATES,
    betsQuery,
  ];
  const all = await pgClient().unsafe<Row[]>(statementFor(input.language), params, { prepare: true });
  return { rows: all.filter((r) => !r.pinned), pinned: betsQuery === null ? null : all.filter((r) => r.pinned) };
}

/** The closest known word for every unknown word of the query (pg_trgm), or null. One round trip. */
async function suggest(text: string, language: Language, keep: ReadonlySet<string>): Promise<string | null> {
  const words = wordsOf(text);
  const candidates = [...new Set(words.filter((w) => w.length >= 4 && !/^\d+$/.test(w) && !keep.has(w)))];
  if (!candidates.length) return null;
  // A fixed statement text (the words as one array parameter): prepared once per connection.
  const rows = await pgClient().unsafe<{ w: string; best: string | null }[]>(
    `select w, (
      select case when exists (select 1 from knowledge_words k where k.language = $1 and k.word = w) then null else (
        select word from knowledge_words where language = $1 and word % w and similarity(word, w) >= 0.5
        order by similarity(word, w) desc, word limit 1) end
    ) as best
    from unnest($2::text[]) as w`,
    [language, candidates],
    { prepare: true },
  );
  const fix = new Map(rows.filter((r) => r.best).map((r) => [r.w, r.best!]));
  return fix.size ? words.map((w) => fix.get(w) ?? w).join(" ") : null;
}

async function bestBets(input: SearchInput): Promise<Row[]> {
  const rows = await db
    .select({
      slug: knowledgeArticles.slug,
      title: knowledgeArticles.title,
      summary: knowledgeArticles.summary,
      language: knowledgeArticles.language,
      translationOf: knowledgeArticles.translationOf,
    })
    .from(knowledgeBestBets)
    .innerJoin(knowledgeArticles, eq(knowledgeArticles.id, knowledgeBestBets.articleId))
    .where(and(eq(knowledgeBestBets.query, normalize(input.query)), eq(knowledgeBestBets.language, input.language), eq(knowledgeArticles.status, "published")));
  return rows.map((r) => ({
    slug: r.translationOf ?? r.slug,
    title: r.title,
    summary: r.summary,
    score: 1,
    snippet: r.summary,
    total: 0,
    dutch_only: r.language !== input.language,
  }));
}

type Found = { results: SearchHit[]; didYouMean: string | null; total: number };

/** The search itself, without logging: what the short-lived cache keeps. */
async function find(input: SearchInput, query: string, limit: number): Promise<Found> {
  const st = await statsFor(input.language);
  let didYouMean: string | null = null;
  const concepts = analyzeQuery(query, input.language, st.vocabulary);
  // The editors' best bets come with the search itself (or on their own when nothing is searched).
  const first = await runQuery(concepts, st, input, limit, normalize(query));
  let rows = first.rows;
  if (!rows.length) {
    // Nothing answers as typed: the corrected words get the whole search, not only the strict part.
    // A compound made of known words ("bouwvergunning") is not a typo: it is not "corrected".
    const compounds = new Set(concepts.filter((c) => c.forms.some((f) => f.credit === CREDIT.compound)).map((c) => c.word));
    const suggestion = await suggest(query, input.language, compounds);
    if (suggestion) {
      rows = (await runQuery(analyzeQuery(suggestion, input.language, st.vocabulary), st, input, limit, null)).rows;
      if (rows.length) didYouMean = suggestion;
    }
  }

  const pinned = first.pinned ?? (await bestBets({ ...input, query }));
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
