import { redirect, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ArticleEditor } from "~/components/ArticleEditor";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { createArticle, scoreContent, toContent } from "~/modules/knowledge/editorial.server";
import { newArticleSchema } from "~/modules/knowledge/schemas";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "articleNew");

const guard = (request: Request) => requireStaffCan(request, "knowledge.edit");

export const loader = loaderOf({ guard, run: () => null });

const text = z.string().max(100_000).default("");
const newArticleActions = z.discriminatedUnion("_intent", [
  z.object({ _intent: z.literal("preview"), summary: text, body: text }),
  newArticleSchema.extend({ _intent: z.literal("draft") }),
  newArticleSchema.extend({ _intent: z.literal("review") }),
]);

export const action = actionOf({
  guard,
  body: newArticleActions,
  run: async ({ actor, body, values }) => {
    if (body._intent === "preview") return { ok: true as const, preview: scoreContent({ summary: body.summary, body: body.body }), values };
    const { _intent, slug, language, ...content } = body;
    const { articleId } = await createArticle(actor, { slug, language, content: toContent(content), submit: _intent === "review" });
    return redirect(`/werk/redactie/${articleId}?bewaard=1`);
  },
});

export default function NewArticle() {
  const { t } = useTranslation("knowledge");
  const result = useActionData<typeof action>();
  const values = result?.values ?? { language: "nl" };
  return (
    <div className="stack">
      <h1>{t("editor.newTitle")}</h1>
      <ArticleEditor
        isNew
        values={values}
        errors={result && !result.ok ? result.errors : undefined}
        readability={result && "preview" in result ? result.preview : null}
        previewed
      />
    </div>
  );
}
