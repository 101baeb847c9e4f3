import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleList, SearchBox } from "~/components/Mikipedia";
import { THEMES, listArticles } from "~/modules/knowledge/articles.server";
import { publicPageHeaders } from "~/utils/cache-headers";
import { getLanguage } from "~/utils/i18next.server";
import { pageMeta } from "~/i18n/meta";

export const headers = publicPageHeaders;
export const meta: MetaFunction = (args) => pageMeta(args, "mikipedia");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const theme = THEMES.find((th) => th === params.theme);
  if (!theme) throw new Response("Not found", { status: 404 });
  return { theme, articles: await listArticles({ theme }, await getLanguage(request)) };
}

export default function ThemePage() {
  const { t } = useTranslation("knowledge");
  const { theme, articles } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to="/mikipedia">{t("title")}</Link>
      </p>
      <h1>{t("themePage.title", { theme: t(`themes.${theme}`) })}</h1>
      <p>{t("themePage.intro")}</p>
      {articles.length ? <ArticleList items={articles} /> : <p>{t("themePage.empty")}</p>}
      <SearchBox />
    </div>
  );
}
