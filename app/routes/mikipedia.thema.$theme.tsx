import type { MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleList, SearchBox } from "~/components/Mikipedia";
import { THEMES, listArticles } from "~/modules/knowledge/articles.server";
import { publicPageHeaders } from "~/utils/cache-headers";
import { getLanguage } from "~/utils/i18next.server";
import { anyone, loaderOf } from "~/utils/kernel";

export const headers = publicPageHeaders;
export const meta: MetaFunction = () => [{ title: "Mikipedia – Digitaal Huis van de Mechelaar" }];

const loaderParams = z.object({ theme: z.enum(THEMES) });
export const loader = loaderOf({
  guard: anyone,
  params: loaderParams,
  run: async ({ params, request }) => ({ theme: params.theme, articles: await listArticles({ theme: params.theme }, await getLanguage(request)) }),
});

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
