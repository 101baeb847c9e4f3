import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DutchIsNewer } from "~/components/DutchIsNewer";
import { ErrorSummary, Notice } from "~/components/forms";
import { formatDate } from "~/components/Mikipedia";
import { getArticle, recordFeedback } from "~/modules/knowledge/articles.server";
import { feedbackSchema } from "~/modules/knowledge/schemas";
import { recordSearchClick } from "~/modules/knowledge/search.server";
import { DomainError } from "~/modules/platform/errors";
import { publicPageHeaders } from "~/utils/cache-headers";
import { formValues, parseWith } from "~/utils/forms";
import { getLanguage } from "~/utils/i18next.server";
import { clientIp, domainErrorToForm } from "~/utils/request.server";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.article.title} – Mikipedia` : "Mikipedia" },
  ...(data ? [{ name: "description", content: data.article.summary }] : []),
];

async function load(slug: string, request: Request) {
  try {
    return await getArticle(slug, await getLanguage(request));
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    throw err;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const article = await load(params.slug ?? "", request);
  const logId = url.searchParams.get("z");
  if (logId) await recordSearchClick(logId, article.slug);
  return { article, thanks: url.searchParams.has("bedankt") };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  const parsed = parseWith(feedbackSchema, values, values);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const language = await getLanguage(request);
  try {
    await recordFeedback({ slug: params.slug ?? "", language, helpful: parsed.data.helpful, reason: parsed.data.reason ?? null }, clientIp(context));
  } catch (err) {
    return domainErrorToForm(err, values);
  }
  const url = new URL(request.url);
  const lng = url.searchParams.get("lng");
  return redirect(`/mikipedia/${params.slug}?${lng ? `lng=${encodeURIComponent(lng)}&` : ""}bedankt=1#feedback`);
}

export default function ArticlePage() {
  const { t, i18n } = useTranslation("knowledge");
  const { article, thanks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : undefined;
  const textLang = article.textLanguage;
  return (
    <article className="stack prose mk-article">
      {!article.translated ? (
        <Notice>
          <span lang={article.language}>{t("article.notTranslated")}</span>
        </Notice>
      ) : null}
      {article.dutchChangedAt ? <DutchIsNewer at={article.dutchChangedAt} slug={article.slug} /> : null}
      <div lang={textLang === i18n.language ? undefined : textLang} className="stack">
        <h1>{article.title}</h1>
        <section aria-labelledby="mk-answer" className="answer">
          <h2 id="mk-answer" className="visually-hidden">
            {t("article.answer")}
          </h2>
          <p className="lead">{article.summary}</p>
        </section>
        {/* Rendered by markdown-it with html disabled: article text cannot inject markup. */}
        <div className="article-body" dangerouslySetInnerHTML={{ __html: article.html }} />
      </div>
      {article.service ? (
        <section aria-labelledby="mk-request" className="card">
          <h2 id="mk-request">{t("article.requestTitle")}</h2>
          {article.service.requestUrl ? (
            <p>
              <Link className="button" to={article.service.requestUrl}>
                {t("article.requestOnline", { title: article.service.title })}
              </Link>
            </p>
          ) : (
            <p>{t("article.requestOffline")}</p>
          )}
        </section>
      ) : null}
      {article.related.length ? (
        <section aria-labelledby="mk-related">
          <h2 id="mk-related">{t("article.related")}</h2>
          <ul>
            {article.related.map((r) => (
              <li key={r.slug}>
                <Link to={r.url}>{r.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <footer className="muted stack">
        {article.lastChecked ? <p>{t("article.lastChecked", { date: formatDate(article.lastChecked, i18n.language) })}</p> : null}
        {article.source ? <p>{t("article.source", { theme: article.source.theme, section: article.source.section })}</p> : null}
        <p>
          {t("article.themesLabel")}{" "}
          {article.themes.map((th, i) => (
            <span key={th}>
              {i > 0 ? ", " : ""}
              <Link to={`/mikipedia/thema/${th}`}>{t(`themes.${th}`, { defaultValue: th })}</Link>
            </span>
          ))}
        </p>
      </footer>
      <section aria-labelledby="feedback" className="card">
        <h2 id="feedback" tabIndex={-1}>
          {t("feedback.title")}
        </h2>
        {thanks ? (
          <Notice>{t("feedback.thanks")}</Notice>
        ) : (
          <>
            <ErrorSummary errors={errors} fieldIds={{ helpful: "helpful-ja" }} />
            <Form method="post" className="stack" noValidate>
              <fieldset className={`field${errors?.helpful ? " field-error" : ""}`} aria-describedby={errors?.helpful ? "helpful-error" : undefined}>
                <legend className="visually-hidden">{t("feedback.title")}</legend>
                {errors?.helpful ? (
                  <p className="error-message" id="helpful-error">
                    {t(errors.helpful)}
                  </p>
                ) : null}
                <div className="choice-row">
                  <div className="choice">
                    <input type="radio" id="helpful-ja" name="helpful" value="ja" />
                    <label htmlFor="helpful-ja">{t("feedback.yes")}</label>
                  </div>
                  <div className="choice">
                    <input type="radio" id="helpful-nee" name="helpful" value="nee" defaultChecked={result && !result.ok ? result.values.helpful === "nee" : false} />
                    <label htmlFor="helpful-nee">{t("feedback.no")}</label>
                  </div>
                </div>
              </fieldset>
              <fieldset className="field">
                <legend>{t("feedback.reasonLegend")}</legend>
                {(["unclear", "incomplete", "outdated", "not_my_question"] as const).map((r) => (
                  <div className="choice" key={r}>
                    <input type="radio" id={`reason-${r}`} name="reason" value={r} defaultChecked={result && !result.ok ? result.values.reason === r : false} />
                    <label htmlFor={`reason-${r}`}>{t(`feedback.reasons.${r}`)}</label>
                  </div>
                ))}
              </fieldset>
              <button type="submit" className="button">
                {t("feedback.send")}
              </button>
            </Form>
          </>
        )}
      </section>
    </article>
  );
}
