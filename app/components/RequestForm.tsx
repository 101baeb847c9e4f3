import { useTranslation } from "react-i18next";
import { describedBy, HintAndError } from "./forms";
import { LocalText } from "./InLanguage";
import { intlLocale } from "~/utils/brussels-format";
import { MECHELEN_POSTCODES, pick, type FieldDef, type FileRef } from "~/modules/cases/definitions";

/** Renders one field of a request form from its definition (labels, hints, autocomplete, errors). */

type Values = Record<string, string | string[] | undefined>;

/** Where the error summary should jump to for a field. */
export function fieldAnchor(f: FieldDef) {
  if (f.type === "address") return `${f.name}-street`;
  if ((f.type === "choice" || f.type === "multichoice") && f.options?.length) return `${f.name}-${f.options[0].value}`;
  return f.name;
}

export function RequestField({ field: f, values, error, file }: { field: FieldDef; values: Values; error?: string; file?: FileRef | null }) {
  const { t, i18n } = useTranslation("cases");
  const lng = i18n.language;
  const label = <LocalText value={f.label} />;
  const hint = pick(f.hint, lng);
  const optional = f.required ? "" : ` ${t("form.optional")}`;
  const v = (name: string) => {
    const x = values[name];
    return Array.isArray(x) ? x[0] : (x ?? "");
  };
  const cls = `field${error ? " field-error" : ""}`;
  const hintEl = hint ? (
    <p className="hint" id={`${f.name}-hint`}>
      <LocalText value={f.hint} />
    </p>
  ) : null;

  if (f.type === "choice" || f.type === "multichoice") {
    const selected = values[f.name];
    const list = Array.isArray(selected) ? selected : selected ? [selected] : [];
    return (
      <fieldset className={cls} id={f.name} aria-describedby={describedBy(f.name, hint, error)}>
        <legend>
          {label}
          {optional}
        </legend>
        {hintEl}
        <HintAndError id={f.name} error={error} />
        {f.options!.map((o) => (
          <div className="choice" key={o.value}>
            <input type={f.type === "choice" ? "radio" : "checkbox"} id={`${f.name}-${o.value}`} name={f.name} value={o.value} defaultChecked={list.includes(o.value)} />
            <label htmlFor={`${f.name}-${o.value}`}>
              <LocalText value={o.label} />
            </label>
          </div>
        ))}
      </fieldset>
    );
  }

  if (f.type === "address") {
    return (
      <fieldset className={cls} id={f.name} aria-describedby={describedBy(f.name, hint, error)}>
        <legend>
          {label}
          {optional}
        </legend>
        {hintEl}
        <HintAndError id={f.name} error={error} />
        <div className="field">
          <label htmlFor={`${f.name}-street`}>{t("form.street")}</label>
          <input
            id={`${f.name}-street`}
            name={`${f.name}.street`}
            autoComplete={f.name === "address" ? "address-line1" : "off"}
            defaultValue={v(`${f.name}.street`)}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${f.name}-number`}>{t("form.houseNumber")}</label>
          <input id={`${f.name}-number`} name={`${f.name}.number`} className="input-short" defaultValue={v(`${f.name}.number`)} aria-invalid={error ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor={`${f.name}-postcode`}>{t("form.postcode")}</label>
          <select id={`${f.name}-postcode`} name={`${f.name}.postcode`} autoComplete={f.name === "address" ? "postal-code" : "off"} defaultValue={v(`${f.name}.postcode`)}>
            <option value="">{t("form.choose")}</option>
            {MECHELEN_POSTCODES.map((p) => (
              <option key={p} value={p}>
                {t(`form.postcodes.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
    );
  }

  if (f.type === "consent") {
    return (
      <div className={cls} id={`${f.name}-wrap`}>
        <HintAndError id={f.name} error={error} />
        <div className="choice">
          <input
            type="checkbox"
            id={f.name}
            name={f.name}
            value="yes"
            defaultChecked={v(f.name) === "yes"}
            aria-describedby={describedBy(f.name, hint, error)}
            aria-invalid={error ? true : undefined}
          />
          <label htmlFor={f.name}>{label}</label>
        </div>
        {hintEl}
      </div>
    );
  }

  const common = {
    id: f.name,
    name: f.name,
    "aria-describedby": describedBy(f.name, hint, error),
    "aria-invalid": error ? true : undefined,
  } as const;

  return (
    <div className={cls}>
      <label htmlFor={f.name}>
        {label}
        {optional}
      </label>
      {hintEl}
      <HintAndError id={f.name} error={error} />
      {f.type === "longtext" ? (
        <textarea {...common} rows={6} defaultValue={v(f.name)} maxLength={f.maxLength} />
      ) : f.type === "file" ? (
        <>
          {file ? (
            <div className="file-current">
              <p>{t("form.fileCurrent", { name: file.filename })}</p>
              <div className="choice">
                <input type="checkbox" id={`${f.name}-remove`} name={`${f.name}.remove`} value="yes" />
                <label htmlFor={`${f.name}-remove`}>{t("form.fileRemove")}</label>
              </div>
            </div>
          ) : null}
          <input {...common} type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" />
        </>
      ) : (
        <input
          {...common}
          type={f.type === "email" ? "email" : f.type === "phone" ? "tel" : f.type === "date" ? "date" : "text"}
          inputMode={f.type === "number" ? "numeric" : undefined}
          autoComplete={f.autocomplete ?? (f.type === "email" ? "email" : f.type === "phone" ? "tel" : undefined)}
          spellCheck={f.type === "email" ? false : undefined}
          className={f.type === "number" || f.type === "date" ? "input-short" : undefined}
          defaultValue={v(f.name)}
        />
      )}
    </div>
  );
}

/** An answer as the resident reads it back ("Controleer uw antwoorden", case page). */
export function AnswerText({ field: f, value, fileHref }: { field: FieldDef; value: unknown; fileHref?: (id: string) => string }) {
  const { t, i18n } = useTranslation("cases");
  const lng = i18n.language;
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return <>{t("form.noAnswer")}</>;
  switch (f.type) {
    case "choice":
      return <LocalText value={f.options!.find((o) => o.value === value)?.label} fallback={String(value)} />;
    case "multichoice":
      return (
        <>
          {(value as string[]).map((x, i) => (
            <span key={x}>
              {i ? ", " : null}
              <LocalText value={f.options!.find((o) => o.value === x)?.label} fallback={x} />
            </span>
          ))}
        </>
      );
    case "address": {
      const a = value as { street: string; number: string; postcode: string };
      return <>{`${a.street} ${a.number}, ${t(`form.postcodes.${a.postcode}`)}`}</>;
    }
    case "consent":
      return <>{value ? t("form.yes") : t("form.no")}</>;
    case "date":
      return <>{new Intl.DateTimeFormat(intlLocale(lng), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${String(value)}T00:00:00Z`))}</>;
    case "file": {
      const file = value as FileRef;
      return fileHref ? <a href={fileHref(file.id)}>{t("form.fileDownload", { name: file.filename })}</a> : <>{file.filename}</>;
    }
    default:
      return <span className="pre-line">{String(value)}</span>;
  }
}
