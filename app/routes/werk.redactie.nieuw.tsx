import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleEditor } from "~/components/ArticleEditor";
import { requireStaff } from "~/modules/identity/guards.server";
import { createArticle, scoreContent, toContent } from "~/modules/knowledge/editorial.server";
import { newArticleSchema } from "~/modules/knowledge/schemas";
import { formValues, parseWith } from "~/utils/forms";
import { domainErrorToForm } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "articleNew");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "editor");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireStaff(request, "editor");
  const form = await request.formData();
  const values = formValues(form);
  const intent = form.get("intent");
  if (intent === "preview") return { ok: true as const, preview: scoreContent({ summary: String(values.summary ?? ""), body: String(values.body ?? "") }), values };
  const parsed = parseWith(newArticleSchema, values, values);
  if (!parsed.ok) return data({ ...parsed, preview: null }, { status: 400 });
  try {
    const { slug, language, ...content } = parsed.data;
    const { articleId } = await createArticle(actor, { slug, language, content: toContent(content), submit: intent === "review" });
    return redirect(`/werk/redactie/${articleId}?bewaard=1`);
  } catch (err) {
    return domainErrorToForm(err, values);
  }
}

export default function NewArticle() {
  const { t } = useTranslation("knowledge");
  const result = useActionData<typeof action>();
  const values = result?.values ?? { language: "nl" };
  return (
    <div className="stack">
      <h1>{t("editor.newTitle")}</h1>
      <ArticleEditor isNew values={values} errors={result && !result.ok ? result.errors : undefined} readability={result && "preview" in result ? result.preview : null} previewed />
    </div>
  );
}
