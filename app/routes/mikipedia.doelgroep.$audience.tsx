import type { MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleList, SearchBox } from "~/components/Mikipedia";
import { AUDIENCES, listArticles } from "~/modules/knowledge/articles.server";
import { publicPageHeaders } from "~/utils/cache-headers";
import { getLanguage } from "~/utils/i18next.server";
import { anyone, loaderOf } from "~/utils/kernel";

export const headers = publicPageHeaders;
export const meta: MetaFunction = () => [{ title: "Mikipedia – Digitaal Huis van de Mechelaar" }];

const loaderParams = z.object({ audience: z.enum(AUDIENCES) });
export const loader = loaderOf({
  guard: anyone,
  params: loaderParams,
  run: async ({ params, request }) => ({ audience: params.audience, articles: await listArticles({ audience: params.audience }, await getLanguage(request)) }),
});

export default function AudiencePage() {
  const { t } = useTranslation("knowledge");
  const { audience, articles } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to="/mikipedia">{t("title")}</Link>
      </p>
      <h1>{t("audiencePage.title", { audience: t(`audiences.${audience}`) })}</h1>
      <p>{t("audiencePage.intro")}</p>
      {articles.length ? <ArticleList items={articles} /> : <p>{t("audiencePage.empty")}</p>}
      <SearchBox />
    </div>
  );
}
