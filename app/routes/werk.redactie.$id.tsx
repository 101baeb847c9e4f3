import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ArticleEditor } from "~/components/ArticleEditor";
import { ArticlePreview, type ArticlePreviewView } from "~/components/ArticlePreview";
import { ErrorSummary, Notice, TextField } from "~/components/forms";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { getArticleForEditing, pinBestBet, previewArticle, publishRevision, removeBestBet, saveRevision, scoreContent, toContent } from "~/modules/knowledge/editorial.server";
import { articleContentSchema, bestBetSchema } from "~/modules/knowledge/schemas";
import { DomainError } from "~/modules/platform/errors";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";
import { TableScroll } from "~/components/TableScroll";

export const meta: MetaFunction = (args) => pageMeta(args, "articleEdit");

const guard = (request: Request) => requireStaffCan(request, "knowledge.edit");
const params = z.object({ id: uuid });

export const loader = loaderOf({
  guard,
  params,
  run: async ({ actor, params, request }) => {
    const editing = await getArticleForEditing(actor, params.id);
    const url = new URL(request.url);
    return {
      ...editing,
      me: actor.id,
      notice: url.searchParams.has("gepubliceerd") ? "publishedNotice" : url.searchParams.has("bewaard") ? "saved" : url.searchParams.has("topper") ? "bestBetSaved" : null,
    };
  },
});

const text = z.string().max(100_000).default("");
const articleActions = z.discriminatedUnion("_intent", [
  z.object({ _intent: z.literal("publish"), revisionId: uuid }),
  bestBetSchema.extend({ _intent: z.literal("pin") }),
  z.object({ _intent: z.literal("unpin"), bestBetId: uuid }),
  z.object({ _intent: z.literal("preview"), title: text, summary: text, body: text }),
  articleContentSchema.extend({ _intent: z.literal("draft") }),
  articleContentSchema.extend({ _intent: z.literal("review") }),
]);

export const action = actionOf({
  guard,
  params,
  body: articleActions,
  run: async ({ actor, params, body, values }) => {
    const id = params.id;
    await getArticleForEditing(actor, id);
    switch (body._intent) {
      case "publish":
        try {
          await publishRevision(actor, body.revisionId);
        } catch (err) {
          // The four-eyes rule and stale publications are explained on the page, not as an error page.
          if (err instanceof DomainError && (err.code === "FORBIDDEN" || err.code === "INVALID_STATE")) {
            return data({ ok: false as const, intent: "publish", errors: { _form: err.messageKey }, values: {} }, { status: err.status });
          }
          throw err;
        }
        return redirect(`/werk/redactie/${id}?gepubliceerd=1`);
      case "pin":
        await pinBestBet(actor, id, body.query);
        return redirect(`/werk/redactie/${id}?topper=1#toppers`);
      case "unpin":
        await removeBestBet(actor, id, body.bestBetId);
        return redirect(`/werk/redactie/${id}#toppers`);
      case "preview": {
        const text = { title: body.title, summary: body.summary, body: body.body };
        return { ok: true as const, intent: "preview", preview: scoreContent(text), rendered: previewArticle(text), values };
      }
      case "draft":
      case "review": {
        const { _intent, ...content } = body;
        await saveRevision(actor, id, toContent(content), _intent === "review");
        return redirect(`/werk/redactie/${id}?bewaard=1`);
      }
    }
  },
});

export default function EditArticle() {
  const { t, i18n } = useTranslation("knowledge");
  const { article, latest, content, readability, revisions, bestBets, me, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | {
        ok: boolean;
        intent?: string;
        errors?: Record<string, string>;
        values?: Record<string, string | string[]>;
        preview?: ReturnType<typeof useLoaderData<typeof loader>>["readability"] | null;
        rendered?: ArticlePreviewView;
      }
    | undefined;
  const formName = result?.intent === "publish" ? "publish" : result?.intent === "pin" ? "bestBet" : "article";
  const articleErrors = result && !result.ok && formName === "article" ? result.errors : undefined;
  const bestBetError = result && !result.ok && formName === "bestBet" ? result.errors?.query : undefined;
  const values = result && formName === "article" && result.values && Object.keys(result.values).length ? result.values : content;
  const preview = result?.preview ?? null;
  const when = (d: string | Date) =>
    new Intl.DateTimeFormat(i18n.language === "nl" ? "nl-BE" : i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" }).format(new Date(d));
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
              <button type="submit" name="_intent" value="publish" className="button">
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
        <TableScroll labelledBy="versies">
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
        </TableScroll>
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
                  <button type="submit" name="_intent" value="unpin" className="link-button">
                    {t("editor.bestBetRemove", { query: b.query })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post" noValidate>
          <TextField name="query" label={t("editor.bestBetQuery")} error={bestBetError} defaultValue={formName === "bestBet" ? String(result?.values?.query ?? "") : ""} />
          <button type="submit" name="_intent" value="pin" className="button button-secondary">
            {t("editor.bestBetAdd")}
          </button>
        </Form>
      </section>
    </div>
  );
}
