import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { searchArticles } from "~/modules/knowledge/search.server";
import { env } from "~/utils/env.server";

const params = z.object({
  q: z.string().max(200).default(""),
  lang: z.enum(["nl", "en", "fr"]).catch("nl"),
  limit: z.coerce.number().int().min(1).max(50).catch(10),
  theme: z.string().max(40).optional(),
  audience: z.string().max(40).optional(),
});

/** The same search as the Mikipedia pages, for the counter, the phone line and other channels. */
export async function loader({ request }: LoaderFunctionArgs) {
  const input = params.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!input.success) return Response.json({ error: "invalid_query" }, { status: 400 });
  const { q, lang, limit, theme, audience } = input.data;
  const r = await searchArticles({ query: q, language: lang, limit, theme, audience, channel: "api" });
  const base = env().PUBLIC_URL;
  return Response.json(
    {
      query: r.query,
      results: r.results.map((x) => ({ slug: x.slug, title: x.title, summary: x.summary, url: `${base}${x.url}`, score: x.score })),
      didYouMean: r.didYouMean,
    },
    { headers: { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" } },
  );
}
