import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SearchBox, Snippet } from "~/components/Mikipedia";
import { AUDIENCES, THEMES } from "~/modules/knowledge/articles.server";
import { localizedPath, WAYS_TO_A_PERSON } from "~/modules/knowledge/no-answer";
import { searchArticles } from "~/modules/knowledge/search.server";
import { getLanguage } from "~/utils/i18next.server";
import { pageMeta } from "~/i18n/meta";
import { anyone, loaderOf } from "~/utils/kernel";
import { z } from "zod";

export const meta: MetaFunction = (args) => pageMeta(args, "mikipediaSearch");

// A filter that is not one of ours is ignored (an old link), not refused; an over-long question is cut, as the search box does.
const oneOf = <T extends string>(values: readonly T[]) =>
  z
    .enum(values as [T, ...T[]])
    .nullable()
    .catch(null)
    .default(null);
const searchQuery = z.object({
  q: z
    .string()
    .default("")
    .transform((q) => q.slice(0, 200)),
  thema: oneOf(THEMES),
  doelgroep: oneOf(AUDIENCES),
});

// Not cached: every search is logged (without personal data) for the editors.
export const loader = loaderOf({
  guard: anyone,
  query: searchQuery,
  run: async ({ query, request }) => {
    const language = await getLanguage(request);
    const { q, thema: theme, doelgroep: audience } = query;
    const result = q.trim() ? await searchArticles({ query: q, language, theme, audience, channel: "web" }) : null;
    return { q, theme, audience, result, themes: THEMES, audiences: AUDIENCES };
  },
});

export default function MikipediaSearch() {
  const { t, i18n } = useTranslation("knowledge");
  const { q, theme, audience, result, themes, audiences } = useLoaderData<typeof loader>();
  const withLog = (url: string) => (result?.logId ? `${url}${url.includes("?") ? "&" : "?"}z=${result.logId}` : url);
  return (
    <div className="stack">
      <h1>{t("search.title")}</h1>
      <SearchBox query={q} />
      {result ? (
        <>
          <Form method="get" className="filters" aria-labelledby="mk-filters">
            <h2 id="mk-filters" className="h-small">
              {t("search.filtersTitle")}
            </h2>
            <input type="hidden" name="q" value={q} />
            <div className="field">
              <label htmlFor="thema">{t("search.filterTheme")}</label>
              <select id="thema" name="thema" defaultValue={theme ?? ""}>
                <option value="">{t("search.all")}</option>
                {themes.map((th) => (
                  <option key={th} value={th}>
                    {t(`themes.${th}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="doelgroep">{t("search.filterAudience")}</label>
              <select id="doelgroep" name="doelgroep" defaultValue={audience ?? ""}>
                <option value="">{t("search.all")}</option>
                {audiences.map((a) => (
                  <option key={a} value={a}>
                    {t(`audiences.${a}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary">
              {t("search.filterButton")}
            </button>
          </Form>
          <section aria-labelledby="mk-results">
            <h2 id="mk-results">{t("search.resultsTitle")}</h2>
            <div role="status">
              {result.didYouMean ? (
                <p>
                  <strong>{t("search.didYouMean", { suggestion: result.didYouMean })}</strong> {t("search.showingFor", { query: q, suggestion: result.didYouMean })}
                </p>
              ) : null}
              {result.results.length ? <p>{t("search.resultsFor", { count: result.total, query: result.didYouMean ?? q })}</p> : <p>{t("search.noAnswerTitle")}</p>}
            </div>
            {result.noAnswer ? (
              <section className="card" aria-labelledby="mk-no-answer">
                <h3 id="mk-no-answer">{t("search.noAnswerTitle")}</h3>
                <p>{t("search.noAnswerIntro", { query: q })}</p>
                <p>{t("search.noAnswerWays")}</p>
                <ul className="article-list">
                  {WAYS_TO_A_PERSON.map((w) => (
                    <li key={w.kind}>
                      <Link to={localizedPath(w.path, i18n.language)}>{t(w.label)}</Link>
                      <p>{t(w.help)}</p>
                    </li>
                  ))}
                </ul>
                <p>{t("search.noAnswerLogged")}</p>
              </section>
            ) : null}
            <ol className="article-list results">
              {result.results.map((r) => (
                <li key={r.slug}>
                  {r.bestBet ? <p className="badge">{t("search.bestBet")}</p> : null}
                  <Link to={withLog(r.url)} lang={r.onlyInDutch ? "nl" : undefined}>
                    {r.title}
                  </Link>
                  {r.onlyInDutch ? <p className="badge">{t("search.onlyInDutch")}</p> : null}
                  <Snippet text={r.snippet} lang={r.onlyInDutch ? "nl" : undefined} />
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : q ? null : (
        <p>{t("search.emptyQuery")}</p>
      )}
      <p>
        <Link to="/mikipedia">{t("article.backToMikipedia")}</Link>
      </p>
    </div>
  );
}
