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
];
