import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ArticleEditor } from "~/components/ArticleEditor";
import { ArticlePreview, type ArticlePreviewView } from "~/components/ArticlePreview";
import { ErrorSummary, Notice, TextField } from "~/components/forms";
import { requireStaff } from "~/modules/identity/guards.server";
import { getArticleForEditing, pinBestBet, previewArticle, publishRevision, removeBestBet, saveRevision, scoreContent, toContent } from "~/modules/knowledge/editorial.server";
import { articleContentSchema, bestBetSchema } from "~/modules/knowledge/schemas";
import { DomainError } from "~/modules/platform/errors";
import { formValues, parseWith } from "~/utils/forms";
import { domainErrorToForm } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Artikel bewerken – Redactie Mikipedia" }];

async function loadOr404(actor: Awaited<ReturnType<typeof requireStaff>>, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Response("Not found", { status: 404 });
  try {
    return await getArticleForEditing(actor, id);
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    throw err;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, "editor");
  const editing = await loadOr404(actor, params.id ?? "");
  const url = new URL(request.url);
  return { ...editing, me: actor.id, notice: url.searchParams.has("gepubliceerd") ? "publishedNotice" : url.searchParams.has("bewaard") ? "saved" : url.searchParams.has("topper") ? "bestBetSaved" : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireStaff(request, "editor");
  const id = params.id ?? "";
  await loadOr404(actor, id);
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "publish") {
      await publishRevision(actor, String(form.get("revisionId") ?? ""));
      return redirect(`/werk/redactie/${id}?gepubliceerd=1`);
    }
    if (intent === "pin") {
      const parsed = parseWith(bestBetSchema, values, values);
      if (!parsed.ok) return data({ ...parsed, form: "bestBet" as const, preview: null }, { status: 400 });
      await pinBestBet(actor, id, parsed.data.query);
      return redirect(`/werk/redactie/${id}?topper=1#toppers`);
    }
    if (intent === "unpin") {
      await removeBestBet(actor, id, String(form.get("bestBetId") ?? ""));
      return redirect(`/werk/redactie/${id}#toppers`);
    }
    if (intent === "preview") {
      const text = { title: String(values.title ?? ""), summary: String(values.summary ?? ""), body: String(values.body ?? "") };
      return { ok: true as const, form: "article" as const, preview: scoreContent(text), rendered: previewArticle(text), values };
    }
    const parsed = parseWith(articleContentSchema, values, values);
    if (!parsed.ok) return data({ ...parsed, form: "article" as const, preview: null }, { status: 400 });
    await saveRevision(actor, id, toContent(parsed.data), intent === "review");
    return redirect(`/werk/redactie/${id}?bewaard=1`);
  } catch (err) {
    // The four-eyes rule and stale publications are explained on the page, not as an error page.
    if (err instanceof DomainError && (err.code === "FORBIDDEN" || err.code === "INVALID_STATE") && intent === "publish") {
      return data({ ok: false as const, form: "publish" as const, errors: { _form: err.messageKey }, values: {}, preview: null }, { status: err.status });
    }
    return domainErrorToForm(err, values);
  }
}

export default function EditArticle() {
  const { t, i18n } = useTranslation("knowledge");
  const { article, latest, content, readability, revisions, bestBets, me, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | { ok: boolean; form?: "article" | "publish" | "bestBet"; errors?: Record<string, string>; values?: Record<string, string | string[]>; preview?: ReturnType<typeof useLoaderData<typeof loader>>["readability"] | null; rendered?: ArticlePreviewView }
    | undefined;
  const formName = result?.form ?? "article";
  const articleErrors = result && !result.ok && formName === "article" ? result.errors : undefined;
  const bestBetError = result && !result.ok && formName === "bestBet" ? result.errors?.query : undefined;
  const values = result && formName === "article" && result.values && Object.keys(result.values).length ? result.values : content;
  const preview = result?.preview ?? null;
  const when = (d: string | Date) => new Intl.DateTimeFormat(i18n.language === "nl" ? "nl-BE" : i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" }).format(new Date(d));
  const publicUrl = `/mikipedia/${article.slug}${article.language === "nl" ? "" : `?lng=${article.language}`}`;
  return (
    <div className="stack">
      <p>
        <Link to="/werk/redactie">{t("editor.title")}</Link>
      </p>
      <h1>{t("editor.editTitle", { title: content.title })}</h1>
      {notice ? <Notice>{t(`editor.${notice}`)}</Notice> : null}
      {article.status === "published" ? (
        <p>
          <Link to={publicUrl}>{t("editor.viewPublished")}</Link>
        </p>
      ) : null}

      <section aria-labelledby="publiceren-title" className="card" id="publiceren">
        <h2 id="publiceren-title">{t("editor.publishTitle")}</h2>
        {result && !result.ok && formName === "publish" ? <ErrorSummary errors={result.errors} /> : null}
        {latest?.status === "in_review" ? (
          latest.authorId === me ? (
            <p>{t("editor.publishOwn", { number: latest.number })}</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="revisionId" value={latest.id} />
              <button type="submit" name="intent" value="publish" className="button">
                {t("editor.publishButton", { number: latest.number })}
              </button>
            </Form>
          )
        ) : (
          <p>{t("editor.publishNothing")}</p>
        )}
      </section>

      {article.dutchChangedAt ? <Notice>{t("editor.toReview", { date: when(article.dutchChangedAt) })}</Notice> : null}
      <ArticleEditor values={values} errors={articleErrors} readability={preview ?? readability} previewed={!!preview} />
      {result?.rendered ? <ArticlePreview preview={result.rendered} lang={article.language} /> : null}

      <section aria-labelledby="versies">
        <h2 id="versies">{t("editor.revisionsTitle")}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("editor.colNumber")}</th>
                <th scope="col">{t("editor.colStatus")}</th>
                <th scope="col">{t("editor.colAuthor")}</th>
                <th scope="col">{t("editor.colWhen")}</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/werk/redactie/${article.id}/versies/${r.id}`} aria-label={t("editor.showDiff", { number: r.number })}>
                      {r.number}
                    </Link>
                  </td>
                  <td>{r.replaced ? t("editor.status.replaced") : t(`editor.status.${r.status}`)}</td>
                  <td>{r.origin === "seed" ? t("editor.seedAuthor") : r.author}</td>
                  <td>{when(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="toppers-title" className="card" id="toppers">
        <h2 id="toppers-title">{t("editor.bestBetsTitle")}</h2>
        <p>{t("editor.bestBetsIntro")}</p>
        {bestBets.length ? (
          <ul>
            {bestBets.map((b) => (
              <li key={b.id}>
                <Form method="post" className="actions">
                  <span>{b.query}</span>
                  <input type="hidden" name="bestBetId" value={b.id} />
                  <button type="submit" name="intent" value="unpin" className="link-button">
                    {t("editor.bestBetRemove", { query: b.query })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post" noValidate>
          <TextField name="query" label={t("editor.bestBetQuery")} error={bestBetError} defaultValue={formName === "bestBet" ? String(result?.values?.query ?? "") : ""} />
          <button type="submit" name="intent" value="pin" className="button button-secondary">
            {t("editor.bestBetAdd")}
          </button>
        </Form>
      </section>
    </div>
  );
}
