import type { MetaDescriptor } from "@remix-run/react";
import { defaultLanguage, isSupportedLanguage, type SupportedLanguage } from "./config";
import ar from "../../locales/ar/meta.json";
import en from "../../locales/en/meta.json";
import fr from "../../locales/fr/meta.json";
import nl from "../../locales/nl/meta.json";
import tr from "../../locales/tr/meta.json";

/**
 * Page titles and the meta description in the page's language. Route `meta` functions run on
 * the server and in the browser without an i18next instance, so the small "meta" namespace is
 * bundled here and the language comes from the root loader's data (`locale`).
 */
const bundles: Record<SupportedLanguage, typeof nl> = { nl, en, fr, ar, tr };
export type TitleKey = keyof typeof nl.titles;

type MatchLike = { id: string; data?: unknown };

export function languageFromMatches(matches: readonly MatchLike[] | undefined): SupportedLanguage {
  const root = matches?.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return isSupportedLanguage(root?.locale) ? root.locale : defaultLanguage;
}

/** The title for `key`; `name` fills {{name}} (an article title, a case reference ...). */
export function titleFor(language: string, key: TitleKey, name?: string): string {
  const bundle = bundles[isSupportedLanguage(language) ? language : defaultLanguage];
  const raw = bundle.titles[key] ?? nl.titles[key];
  return raw.replace("{{name}}", name ?? "");
}

/**
 * `export const meta: MetaFunction = (args) => pageMeta(args, "login")`.
 * `name` (or `fallback`, a title key used when the loader returned nothing) fills {{name}};
 * `description` replaces the site description (e.g. an article's summary).
 */
export function pageMeta(
  args: { matches?: readonly MatchLike[] },
  key: TitleKey,
  options: { name?: string | null; fallback?: TitleKey; description?: string | null; extra?: MetaDescriptor[] } = {},
): MetaDescriptor[] {
  const lng = languageFromMatches(args.matches);
  const name = options.name ?? (options.fallback ? titleFor(lng, options.fallback) : undefined);
  return [{ title: titleFor(lng, key, name) }, { name: "description", content: options.description ?? bundles[lng].description }, ...(options.extra ?? [])];
}
