import type { LoaderFunctionArgs } from "@remix-run/node";
import { getArticleData } from "~/modules/knowledge/articles.server";
import { DomainError } from "~/modules/platform/errors";
import { env } from "~/utils/env.server";

/** One article as JSON: the same text the page shows, Dutch where no translation exists yet. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = new URL(request.url).searchParams.get("lang");
  const language = lang === "en" || lang === "fr" ? lang : "nl";
  try {
    const article = await getArticleData(params.slug ?? "", language, env().PUBLIC_URL);
    return Response.json(article, { headers: { "Cache-Control": "public, max-age=0, s-maxage=60", "Access-Control-Allow-Origin": "*" } });
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") return Response.json({ error: "not_found" }, { status: 404 });
    throw err;
  }
}
