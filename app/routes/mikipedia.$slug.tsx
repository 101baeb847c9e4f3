import { supportedLanguages } from "~/i18n/config";
import { redirect, type MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { DutchIsNewer } from "~/components/DutchIsNewer";
import { ErrorSummary, Notice } from "~/components/forms";
import { formatDate } from "~/components/Mikipedia";
import { getArticle, recordFeedback } from "~/modules/knowledge/articles.server";
import { feedbackSchema } from "~/modules/knowledge/schemas";
import { recordSearchClick } from "~/modules/knowledge/search.server";
import { publicPageHeaders } from "~/utils/cache-headers";
import { getLanguage } from "~/utils/i18next.server";
import { slug, uuid } from "~/utils/ids";
import { actionOf, anyone, loaderOf, parseQuery } from "~/utils/kernel";
import { clientIp } from "~/utils/request.server";
import { JsonLd } from "~/components/JsonLd";
import { env } from "~/utils/env.server";
import { articleStructuredData } from "~/modules/knowledge/structured-data.server";
import { pageMeta } from "~/i18n/meta";
import { SentenceWith } from "~/components/InLanguage";

export const headers = publicPageHeaders;

export const meta: MetaFunction<typeof loader> = (args) =>
  // An untranslated article keeps the site description in the page language.
  pageMeta(args, !args.data ? "mikipedia" : args.data.article.translated ? "article" : "articleUntranslated", {
    name: args.data?.article.title,
    description: args.data?.article.translated ? args.data.article.summary : null,
  });

const articleParams = z.object({ slug });
/** `z` is the search log line a result link came from; a malformed one is ignored. */
const articleQuery = z.object({ z: uuid.optional().catch(undefined), bedankt: z.string().max(5).optional(), lng: z.enum(supportedLanguages).optional().catch(undefined) });

export const loader = loaderOf({
  guard: anyone,
  params: articleParams,
  query: articleQuery,
  run: async ({ params, query, request }) => {
    const article = await getArticle(params.slug, await getLanguage(request));
    if (query.z) await recordSearchClick(query.z, article.slug);
    return { article, thanks: query.bedankt !== undefined, jsonLd: await articleStructuredData(env().PUBLIC_URL, article) };
  },
});

export const action = actionOf({
  guard: anyone,
  params: articleParams,
  body: feedbackSchema,
  run: async ({ params, body, request, context }) => {
    const language = await getLanguage(request);
    await recordFeedback({ slug: params.slug, language, helpful: body.helpful, reason: body.reason ?? null }, clientIp(context));
    const { lng } = parseQuery(articleQuery, request.url);
    return redirect(`/mikipedia/${params.slug}?${lng ? `lng=${lng}&` : ""}bedankt=1#feedback`);
  },
});

export default function ArticlePage() {
  const { t, i18n } = useTranslation("knowledge");
  const { article, thanks, jsonLd } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : undefined;
  const textLang = article.textLanguage;
  return (
    <article className="stack prose mk-article">
      <JsonLd data={jsonLd} />
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
                <SentenceWith ns="knowledge" i18nKey="article.requestOnline" placeholder="title" name={{ text: article.service.title, lang: article.service.titleLang }} />
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
                <Link to={r.url} lang={r.lang === i18n.language ? undefined : r.lang}>
                  {r.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <footer className="muted stack">
        {article.lastChecked ? <p>{t("article.lastChecked", { date: formatDate(article.lastChecked, i18n.language) })}</p> : null}
        {article.source ? (
          <p>
            {/* The memorandum is Dutch: its theme and section are cited as written (lang="nl" on other pages). */}
            <Trans
              t={t}
              i18nKey="article.source"
              values={{ theme: article.source.theme, section: article.source.section }}
              components={{ nl: i18n.language === "nl" ? <span /> : <span lang="nl" /> }}
            />
          </p>
        ) : null}
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
