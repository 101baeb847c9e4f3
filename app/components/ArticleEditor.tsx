import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, ErrorSummary, TextField } from "~/components/forms";
import type { ReadabilityResult } from "~/modules/knowledge/readability";
import { AUDIENCE_VALUES, THEME_VALUES } from "~/modules/knowledge/schemas";

export type EditorValues = Record<string, string | string[] | undefined>;

function TextArea({ name, label, hint, error, value, rows = 4 }: { name: string; label: string; hint?: string; error?: string; value?: string; rows?: number }) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-error" : ""}`}>
      <label htmlFor={name}>{label}</label>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${name}-error`}>
          <span className="visually-hidden">{t("forms.errorPrefix")} </span>
          {t(error)}
        </p>
      ) : null}
      <textarea id={name} name={name} rows={rows} defaultValue={value} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
    </div>
  );
}

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(", ") : (v ?? ""));
const arr = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** The article editor: plain form posts (works without JavaScript); the score is computed on the server. */
export function ArticleEditor({
  values,
  errors,
  isNew,
  readability,
  previewed,
}: {
  values: EditorValues;
  errors?: Record<string, string>;
  isNew?: boolean;
  readability?: ReadabilityResult | null;
  previewed?: boolean;
}) {
  const { t } = useTranslation("knowledge");
  const f = (k: string) => t(`editor.fields.${k}`);
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={{ themes: `themes-${THEME_VALUES[0]}`, audiences: `audiences-${AUDIENCE_VALUES[0]}`, language: "language" }} />
      <Form method="post" noValidate className="stack">
        {isNew ? (
          <>
            <TextField name="slug" label={f("slug")} hint={f("slugHint")} defaultValue={str(values.slug)} error={errors?.slug} spellCheck={false} />
            <div className={`field${errors?.language ? " field-error" : ""}`}>
              <label htmlFor="language">{f("language")}</label>
              <select id="language" name="language" defaultValue={str(values.language) || "nl"}>
                <option value="nl">Nederlands</option>
                <option value="en">English</option>
                <option value="fr">Français</option>
              </select>
            </div>
          </>
        ) : null}
        <TextField name="title" label={f("title")} defaultValue={str(values.title)} error={errors?.title} />
        <TextArea name="summary" label={f("summary")} value={str(values.summary)} error={errors?.summary} rows={3} />
        <TextArea name="body" label={f("body")} hint={f("bodyHint")} value={str(values.body)} error={errors?.body} rows={16} />
        <ReadabilityPanel result={readability} previewed={previewed} />
        <CheckboxGroup
          name="themes"
          legend={f("themes")}
          options={THEME_VALUES.map((v) => ({ value: v, label: t(`themes.${v}`) }))}
          values={arr(values.themes)}
          error={errors?.themes}
        />
        <CheckboxGroup
          name="audiences"
          legend={f("audiences")}
          options={AUDIENCE_VALUES.map((v) => ({ value: v, label: t(`audiences.${v}`) }))}
          values={arr(values.audiences)}
          error={errors?.audiences}
        />
        <TextField name="sourceTheme" label={f("sourceTheme")} defaultValue={str(values.sourceTheme)} error={errors?.sourceTheme} />
        <TextField name="sourceSection" label={f("sourceSection")} defaultValue={str(values.sourceSection)} error={errors?.sourceSection} />
        <TextArea name="searchTerms" label={f("searchTerms")} hint={f("searchTermsHint")} value={str(values.searchTerms)} error={errors?.searchTerms} rows={2} />
        <TextArea name="searchTermsEn" label={f("searchTermsEn")} hint={f("searchTermsOtherHint")} value={str(values.searchTermsEn)} error={errors?.searchTermsEn} rows={2} />
        <TextArea name="searchTermsFr" label={f("searchTermsFr")} hint={f("searchTermsOtherHint")} value={str(values.searchTermsFr)} error={errors?.searchTermsFr} rows={2} />
        <TextArea name="questions" label={f("questions")} hint={f("questionsHint")} value={str(values.questions)} error={errors?.questions} rows={3} />
        <TextField name="related" label={f("related")} hint={f("relatedHint")} defaultValue={str(values.related)} error={errors?.related} spellCheck={false} />
        <TextField name="serviceSlug" label={f("serviceSlug")} defaultValue={str(values.serviceSlug)} error={errors?.serviceSlug} spellCheck={false} />
        <TextField
          name="reviewBefore"
          label={f("reviewBefore")}
          hint={f("reviewBeforeHint")}
          defaultValue={str(values.reviewBefore)}
          error={errors?.reviewBefore}
          inputMode="numeric"
        />
        <div className="actions">
          <button type="submit" name="_intent" value="review" className="button">
            {t("editor.submitReview")}
          </button>
          <button type="submit" name="_intent" value="draft" className="button button-secondary">
            {t("editor.saveDraft")}
          </button>
          <button type="submit" name="_intent" value="preview" className="button button-secondary">
            {t("editor.preview")}
          </button>
        </div>
      </Form>
    </>
  );
}

export function ReadabilityPanel({ result, previewed }: { result?: ReadabilityResult | null; previewed?: boolean }) {
  const { t } = useTranslation("knowledge");
  if (!result) return null;
  const good = result.fleschDouma >= 60 && result.longSentences.length === 0;
  return (
    <section className="card" aria-labelledby="readability-title" id="leesbaarheid">
      <h2 id="readability-title" className="h-small">
        {t("editor.readability.title")}
      </h2>
      <div role="status">
        {previewed ? <p className="muted">{t("editor.readability.previewNote")}</p> : null}
        <p>
          <strong>{t("editor.readability.score", { score: result.fleschDouma })}</strong> {good ? t("editor.readability.good") : t("editor.readability.hard")}
        </p>
      </div>
      <ul>
        <li>{t("editor.readability.avg", { avg: result.avgSentenceLength })}</li>
        <li>{t("editor.readability.longWords", { pct: Math.round(result.longWordShare * 100) })}</li>
      </ul>
      {result.longSentences.length ? (
        <>
          <p>{t("editor.readability.longSentences")}</p>
          <ul>
            {result.longSentences.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("editor.readability.noLongSentences")}</p>
      )}
    </section>
  );
}
