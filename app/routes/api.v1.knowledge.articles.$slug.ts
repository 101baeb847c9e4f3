import { z } from "zod";
import { getArticleData } from "~/modules/knowledge/articles.server";
import { DomainError } from "~/modules/platform/errors";
import { env } from "~/utils/env.server";
import { slug } from "~/utils/ids";
import { anyone, loaderOf } from "~/utils/kernel";

/** One article as JSON: the same text the page shows, Dutch where no translation exists yet. */
const loaderParams = z.object({ slug });
const loaderQuery = z.object({ lang: z.enum(["nl", "en", "fr"]).catch("nl") });
export const loader = loaderOf({
  guard: anyone,
  params: loaderParams,
  query: loaderQuery,
  run: async ({ params, query }) => {
    try {
      const article = await getArticleData(params.slug, query.lang, env().PUBLIC_URL);
      return Response.json(article, { headers: { "Cache-Control": "public, max-age=0, s-maxage=60", "Access-Control-Allow-Origin": "*" } });
    } catch (err) {
      // An API answers in JSON: an unknown article is a JSON 404, not the page.
      if (err instanceof DomainError && err.code === "NOT_FOUND") return Response.json({ error: "not_found" }, { status: 404 });
      throw err;
    }
  },
});
