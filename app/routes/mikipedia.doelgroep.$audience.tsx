import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleList, SearchBox } from "~/components/Mikipedia";
import { AUDIENCES, listArticles } from "~/modules/knowledge/articles.server";
import { publicPageHeaders } from "~/utils/cache-headers";
import { getLanguage } from "~/utils/i18next.server";
import { pageMeta } from "~/i18n/meta";

export const headers = publicPageHeaders;
export const meta: MetaFunction = (args) => pageMeta(args, "mikipedia");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const audience = AUDIENCES.find((a) => a === params.audience);
  if (!audience) throw new Response("Not found", { status: 404 });
  return { audience, articles: await listArticles({ audience }, await getLanguage(request)) };
}

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
