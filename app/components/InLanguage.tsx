import { Trans, useTranslation } from "react-i18next";
import { pickIn, type Text3 } from "~/modules/cases/definitions";

/**
 * Text from data that may be in another language than the page (WCAG 3.1.2 language of
 * parts): a Dutch fallback on an English, French, Arabic or Turkish page gets lang="nl".
 */
export function InLanguage({ text, lang, as: Tag = "span", className }: { text: string; lang: string; as?: "span" | "div" | "p"; className?: string }) {
  const { i18n } = useTranslation();
  if (lang === i18n.language && !className && Tag === "span") return <>{text}</>;
  return (
    <Tag lang={lang === i18n.language ? undefined : lang} className={className}>
      {text}
    </Tag>
  );
}

/** A per-language text of a form or status model, in the page language or marked as Dutch. */
export function LocalText({ value, fallback }: { value: Text3 | null | undefined; fallback?: string }) {
  const { i18n } = useTranslation();
  const picked = pickIn(value ?? undefined, i18n.language);
  if (!picked) return fallback === undefined ? null : <>{fallback}</>;
  return <InLanguage text={picked.text} lang={picked.lang} />;
}

/**
 * A translated sentence with a text from data inside it (`<name>{{service}}</name>` in the
 * locale string, or another placeholder): the inserted text gets lang="nl" when it is the Dutch fallback.
 */
export function SentenceWith({ ns, i18nKey, name, placeholder = "service" }: { ns: string; i18nKey: string; name: { text: string; lang: string }; placeholder?: string }) {
  const { t, i18n } = useTranslation(ns);
  return <Trans t={t} i18nKey={i18nKey} values={{ [placeholder]: name.text }} components={{ name: name.lang === i18n.language ? <span /> : <span lang={name.lang} /> }} />;
}
