import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleList, SearchBox } from "~/components/Mikipedia";
import { AUDIENCES, THEMES, mostAsked } from "~/modules/knowledge/articles.server";
import { publicPageHeaders } from "~/utils/cache-headers";
import { getLanguage } from "~/utils/i18next.server";
import { anyone, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const headers = publicPageHeaders;
export const meta: MetaFunction = (args) => pageMeta(args, "mikipedia");

export const loader = loaderOf({
  guard: anyone,
  run: async ({ request }) => ({ themes: THEMES, audiences: AUDIENCES, mostAsked: await mostAsked(await getLanguage(request)) }),
});

export default function MikipediaHome() {
  const { t } = useTranslation("knowledge");
  const { themes, audiences, mostAsked } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <SearchBox />
      <section aria-labelledby="mk-most" className="card">
        <h2 id="mk-most">{t("mostAskedTitle")}</h2>
        <ArticleList items={mostAsked} />
      </section>
      <section aria-labelledby="mk-themes">
        <h2 id="mk-themes">{t("themesTitle")}</h2>
        <ul className="tag-list">
          {themes.map((th) => (
            <li key={th}>
              <Link to={`/mikipedia/thema/${th}`}>{t(`themes.${th}`)}</Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="mk-audiences">
        <h2 id="mk-audiences">{t("audiencesTitle")}</h2>
        <ul className="tag-list">
          {audiences.map((a) => (
            <li key={a}>
              <Link to={`/mikipedia/doelgroep/${a}`}>{t(`audiences.${a}`)}</Link>
            </li>
          ))}
        </ul>
      </section>
      <p>{t("counterHelp")}</p>
    </div>
  );
}
