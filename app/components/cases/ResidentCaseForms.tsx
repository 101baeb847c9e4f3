import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The resident's forms on their case page ("Mijn dossiers"): a message or answer with a file, and the rating of a closed case. */

type FormProps = { errors?: Record<string, string>; values?: Record<string, unknown> };

export function ReplyForm({ id, label, errors, values, busy }: FormProps & { id: string; label: string; busy: boolean }) {
  const { t } = useTranslation("cases");
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="stack">
      <div className={`field${errors?.body ? " field-error" : ""}`}>
        <label htmlFor={`${id}-body`}>{label}</label>
        {errors?.body ? (
          <p className="error-message" id={`${id}-body-error`}>
            {t(errors.body)}
          </p>
        ) : null}
        <textarea
          id={`${id}-body`}
          name="body"
          rows={5}
          defaultValue={typeof values?.body === "string" ? values.body : ""}
          aria-describedby={errors?.body ? `${id}-body-error` : undefined}
        />
      </div>
      <div className={`field${errors?.files ? " field-error" : ""}`}>
        <label htmlFor={`${id}-files`}>{t("case.attach")}</label>
        <p className="hint" id={`${id}-files-hint`}>
          {t("case.attachHint")}
        </p>
        {errors?.files ? (
          <p className="error-message" id={`${id}-files-error`}>
            {t(errors.files)}
          </p>
        ) : null}
        <input type="file" id={`${id}-files`} name="files" accept=".pdf,.jpg,.jpeg,.png" aria-describedby={`${id}-files-hint${errors?.files ? ` ${id}-files-error` : ""}`} />
      </div>
      <div>
        <button type="submit" className="button" name="_intent" value="reply" disabled={busy}>
          {t("case.send")}
        </button>
      </div>
    </Form>
  );
}

/** How satisfied the resident is with a closed case: five choices and an optional comment. */
export function RateForm({ errors, values }: FormProps) {
  const { t } = useTranslation("cases");
  return (
    <Form method="post" className="stack" noValidate>
      <fieldset className={`field${errors?.score ? " field-error" : ""}`} id="score">
        <legend>{t("case.rateLegend")}</legend>
        {errors?.score ? <p className="error-message">{t(errors.score)}</p> : null}
        {[1, 2, 3, 4, 5].map((n) => (
          <div className="choice" key={n}>
            <input type="radio" id={`score-${n}`} name="score" value={n} defaultChecked={values?.score === String(n)} />
            <label htmlFor={`score-${n}`}>{t(`case.score.${n}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="comment">
          {t("case.rateComment")} {t("form.optional")}
        </label>
        <textarea id="comment" name="comment" rows={3} defaultValue={typeof values?.comment === "string" ? values.comment : ""} />
      </div>
      <div>
        <button type="submit" className="button" name="_intent" value="rate">
          {t("case.rateSend")}
        </button>
      </div>
    </Form>
  );
}
