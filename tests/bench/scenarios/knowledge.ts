import type { BenchContext, Scenario } from "../types";

/**
 * Issue 3: Mikipedia search over at least 5,000 articles. The seeded 128 articles are
 * multiplied here, for the benchmark only: each generated article mixes the title, questions
 * and keywords of one real article with the summary and body of another, so the vocabulary
 * and the length stay realistic. The trigger builds every search vector, as in production.
 */
const TARGET = 5000;

async function generateArticles({ sql }: BenchContext) {
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from knowledge_articles where status = 'published'`;
  if (n >= TARGET) return;
  await sql`
    with src as (select row_number() over (order by slug) - 1 as i, * from knowledge_articles where language = 'nl' and status = 'published'),
    cnt as (select count(*) as c from src)
    insert into knowledge_articles (slug, language, title, summary, body, themes, audiences, search_terms, questions, search_keywords, status, last_checked)
    select 'bench-' || g, 'nl', a.title || ' (' || g || ')', b.summary, b.body || E'\n\n' || a.body, a.themes, b.audiences, a.search_terms, a.questions, a.search_keywords, 'published', current_date
    from generate_series(1, ${TARGET - n}) g, cnt
    join src a on true join src b on true
    where a.i = g % cnt.c and b.i = (g * 7 + 3) % cnt.c`;
  await sql`vacuum analyze knowledge_articles`;
}

/**
 * Issue 16: 5,000 published articles in each of five languages (nl, en, fr and the courtesy
 * languages ar and tr), plus English and French search terms for the generated Dutch ones, so
 * the cross-language part of the search works over 5,000 Dutch-only articles too. Every
 * generated article is clearly fake: slug `bench-fake-<lang>-<n>`, title "[nep – benchmark]".
 * The text mixes the title, questions and keywords of one real article (in that language where
 * one exists, else Dutch) with the summary and body of another.
 */
const LANGUAGES = ["nl", "en", "fr", "ar", "tr"] as const;

async function generateFiveLanguages({ sql }: BenchContext) {
  for (const language of LANGUAGES) {
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from knowledge_articles where status = 'published' and language = ${language}`;
    if (n >= TARGET) continue;
    const [{ own }] = await sql<
      { own: number }[]
    >`select count(*)::int as own from knowledge_articles where status = 'published' and language = ${language} and slug not like 'bench-%'`;
    const from = own > 0 ? language : "nl";
    await sql`
      with src as (select row_number() over (order by slug) - 1 as i, * from knowledge_articles where language = ${from} and status = 'published' and slug not like 'bench-%'),
      cnt as (select count(*) as c from src)
      insert into knowledge_articles (slug, language, title, summary, body, themes, audiences, search_terms, questions, search_keywords, status, last_checked)
      select 'bench-fake-' || ${language} || '-' || g, ${language}, '[nep – benchmark ' || g || '] ' || a.title, b.summary, b.body || E'\n\n' || a.body,
        a.themes, b.audiences, a.search_terms, a.questions, a.search_keywords, 'published', current_date
      from generate_series(1, ${TARGET - n}) g, cnt
      join src a on true join src b on true
      where a.i = g % cnt.c and b.i = (g * 7 + 3) % cnt.c`;
  }
  // English and French search terms for the generated Dutch-only articles (copied from the real one they borrow their title from).
  await sql`
    with src as (select row_number() over (order by slug) - 1 as i, slug from knowledge_articles where language = 'nl' and status = 'published' and slug not like 'bench-%'),
    cnt as (select count(*) as c from src)
    insert into knowledge_search_terms (slug, language, terms)
    select f.slug, t.language, t.terms
    from knowledge_articles f cross join cnt
    join src a on a.i = (substring(f.slug from '[0-9]+$')::int) % cnt.c
    join knowledge_search_terms t on t.slug = a.slug
    where f.language = 'nl' and f.slug like 'bench-fake-nl-%'
    on conflict do nothing`;
  await sql`vacuum analyze knowledge_articles`;
  await sql`vacuum analyze knowledge_search_terms`;
}

/**
 * Questions as residents type them, in all five languages: answered ones, ones with a typo
 * that only a spelling suggestion answers ("Bedoelde u"), and ones without an answer (the
 * ways to a person). The scenario runs with the result cache off (SEARCH_CACHE_SECONDS=0), so
 * every search is computed; every request also gets its own `limit` (1–50), so even with the
 * cache on the same search would not repeat within its 5 seconds.
 */
const MIXED_QUESTIONS: [string, string][] = [
  ["nl", "ik heb ambras met mijn gebuur"],
  ["nl", "parkeerkaart voor mijn straat"],
  ["nl", "leefloon aanvragen"],
  ["nl", "burenbemidelling aanvragen"],
  ["nl", "plaats in een rust huis voor mijn moeder"],
  ["nl", "identiteitskaart verloren"],
  ["nl", "waar kan ik met mijn vragen terecht als senior"],
  ["nl", "gratis wifi in de stad"],
  ["nl", "mijn huurbaas doet niks aan de schimmel"],
  ["nl", "paspoort"],
  ["nl", "opvoedingsondersteuning"],
  ["nl", "ik zoek een job"],
  ["nl", "parkeerkaaart"],
  ["nl", "rijbewijs verlengen"],
  ["en", "my neighbour is too noisy"],
  ["en", "how do i get a parking permit"],
  ["en", "nursing home for my dad"],
  ["en", "lost my passport"],
  ["en", "learn to play the carillon"],
  ["en", "i cant pay my bills"],
  ["en", "libary"],
  ["en", "cheap flat to rent"],
  ["fr", "mes voisins font trop de bruit"],
  ["fr", "maison de repos pour ma mere"],
  ["fr", "passeport"],
  ["fr", "wifi gratuit"],
  ["fr", "aide pour mes dettes"],
  ["fr", "bibliotheqe"],
  ["fr", "je cherche un emploi"],
  ["fr", "parler a un psychologue"],
  ["ar", "سكن اجتماعي"],
  ["ar", "طبيب أسنان رخيص"],
  ["ar", "مترجم"],
  ["ar", "جواز السفر"],
  ["ar", "البحث عن عمل"],
  ["tr", "iş arıyorum"],
  ["tr", "diş hekimi"],
  ["tr", "tercüman"],
  ["tr", "pasaport"],
  ["tr", "psikologg"],
];
const mixedPaths = MIXED_QUESTIONS.flatMap(([lang, q]) => Array.from({ length: 50 }, (_, i) => `/api/v1/knowledge/search?q=${encodeURIComponent(q)}&lang=${lang}&limit=${i + 1}`));
// Interleaved: question k with limit 1, then question k+1 with limit 1, ...: 2,000 distinct searches before any repeats.
const interleaved = Array.from({ length: mixedPaths.length }, (_, j) => mixedPaths[(j % MIXED_QUESTIONS.length) * 50 + Math.floor(j / MIXED_QUESTIONS.length)]);
let nextMixed = 0;

export const scenarios: Scenario[] = [
  {
    name: "search API, 5,000 articles",
    path: "/api/v1/knowledge/search?q=parkeerkaart&lang=nl&limit=10",
    setup: async (ctx) => {
      await generateArticles(ctx);
    },
    target: "p99 < 50 ms",
  },
  { name: "search API, question phrasing", path: "/api/v1/knowledge/search?q=waar%20kan%20ik%20met%20mijn%20vragen%20terecht%20als%20senior&lang=nl", target: "p99 < 50 ms" },
  { name: "search API, typo (Bedoelde u)", path: "/api/v1/knowledge/search?q=burenbemidelling&lang=nl", target: "p99 < 50 ms" },
  { name: "search page, rendered", path: "/mikipedia/zoeken?q=ruzie%20met%20de%20buren", target: "p99 < 50 ms" },
  {
    name: "search API, 5 languages × 5,000, uncached",
    path: "/api/v1/knowledge/search?q=parkeerkaart&lang=nl&limit=10",
    setup: async (ctx) => {
      await generateFiveLanguages(ctx);
      return { requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: interleaved[nextMixed++ % interleaved.length] }) }] };
    },
    rates: [50],
    env: { SEARCH_CACHE_SECONDS: "0" },
    target: "p99 < 50 ms at 50 req/s",
  },
];
