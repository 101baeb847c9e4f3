import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

export type FieldErrors = Record<string, string | undefined>;

/** GOV.UK-style error summary: focused when shown, each message links to its field. */
export function ErrorSummary({ errors, fieldIds = {}, prefixes = {} }: { errors?: FieldErrors; fieldIds?: Record<string, string>; prefixes?: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter(([, v]) => v);
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [entries.length, errors]);
  if (!entries.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{t("forms.errorSummaryTitle")}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li key={field}>
            {field === "_form" ? (
              t(key!)
            ) : (
              <a href={`#${fieldIds[field] ?? field}`}>
                {/* Says which row of a table a message is about, e.g. "Row 2: …". */}
                {prefixes[field] ? `${prefixes[field]}: ` : ""}
                {t(key!)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A field's hint and error, with the ids its aria-describedby points to. */
export function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t("forms.errorPrefix")} </span>
          {t(error)}
        </p>
      ) : null}
    </>
  );
}

/** The aria-describedby of a field: its hint (the text, or true when one is shown) and its error. */
export const describedBy = (id: string, hint?: string | boolean, error?: string) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

/** A labelled field around any control (select, textarea, input): label, hint and error. */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className={`field${error ? " field-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  id?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "id" | "name">;

export function TextField({ name, label, hint, error, id = name, ...input }: FieldProps) {
  const described = describedBy(id, hint, error);
  return (
    <div className={`field${error ? " field-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      <input id={id} name={name} aria-describedby={described} aria-invalid={error ? true : undefined} {...input} />
    </div>
  );
}

type Option = { value: string; label: string; lang?: string };

export function RadioGroup({ name, legend, options, value, error, hint }: { name: string; legend: string; options: Option[]; value?: string; error?: string; hint?: string }) {
  const described = describedBy(name, hint, error);
  return (
    <fieldset className={`field${error ? " field-error" : ""}`} aria-describedby={described} id={name}>
      <legend>{legend}</legend>
      <HintAndError id={name} hint={hint} error={error} />
      {options.map((o) => (
        <div className="choice" key={o.value}>
          <input type="radio" id={`${name}-${o.value}`} name={name} value={o.value} defaultChecked={value === o.value} />
          <label htmlFor={`${name}-${o.value}`} lang={o.lang}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function CheckboxGroup({ name, legend, options, values = [], error }: { name: string; legend: string; options: Option[]; values?: string[]; error?: string }) {
  return (
    <fieldset className={`field${error ? " field-error" : ""}`} id={name} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      <HintAndError id={name} error={error} />
      {options.map((o) => (
        <div className="choice" key={o.value}>
          <input type="checkbox" id={`${name}-${o.value}`} name={name} value={o.value} defaultChecked={values.includes(o.value)} />
          <label htmlFor={`${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A success or info message after a redirect. */
export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div className="notice" role="status">
      {children}
    </div>
  );
}
