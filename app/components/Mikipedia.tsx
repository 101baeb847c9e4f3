import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { intlLocale } from "~/utils/brussels-format";

/** The Mikipedia search box: a plain GET form, so it works without JavaScript. */
export function SearchBox({ query = "", id = "q" }: { query?: string; id?: string }) {
  const { t } = useTranslation("knowledge");
  return (
    <Form method="get" action="/mikipedia/zoeken" role="search" aria-label={t("search.title")} className="search-box">
      <div className="field">
        <label htmlFor={id}>{t("searchLabel")}</label>
        <p className="hint" id={`${id}-hint`}>
          {t("searchHint")}
        </p>
        <div className="search-row">
          <input type="search" id={id} name="q" defaultValue={query} aria-describedby={`${id}-hint`} maxLength={200} autoComplete="off" />
          <button type="submit" className="button">
            {t("searchButton")}
          </button>
        </div>
      </div>
    </Form>
  );
}

export type ListItem = { slug: string; title: string; summary: string; url: string };

export function ArticleList({ items }: { items: ListItem[] }) {
  return (
    <ul className="article-list">
      {items.map((a) => (
        <li key={a.slug}>
          <Link to={a.url}>{a.title}</Link>
          <p>{a.summary}</p>
        </li>
      ))}
    </ul>
  );
}

/** A search snippet with the matched words marked; the text is never parsed as HTML. */
export function Snippet({ text, lang }: { text: string; lang?: string }) {
  const parts = text.split(/(\u0002[^\u0003]*\u0003)/g).filter(Boolean);
  return (
    <p className="snippet" lang={lang}>
      {parts.map((p, i) => (p.startsWith("\u0002") ? <mark key={i}>{p.slice(1, -1)}</mark> : <span key={i}>{p}</span>))}
    </p>
  );
}

export function formatDate(isoDate: string, locale: string) {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-BE" : locale === "fr" ? "fr-BE" : intlLocale(locale), { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}
