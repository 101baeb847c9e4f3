import type { ServiceText, ServiceTranslations } from "../../../db/schema/catalog";

/** A text together with the language it is really in (for lang="nl" on a Dutch fallback). */
export type InLanguage = { text: string; lang: string };

/**
 * A service text in the page language, or the Dutch original when there is no translation.
 * Pure and client-safe: pages call it in their JSX with the language they render in.
 */
export function serviceText(
  service: { translations?: ServiceTranslations | null } & Record<keyof ServiceText, string | null | undefined>,
  field: keyof ServiceText,
  lng: string,
): InLanguage | null {
  const translated = lng === "nl" ? undefined : service.translations?.[lng]?.[field];
  if (translated) return { text: translated, lang: lng };
  const dutch = service[field];
  return dutch ? { text: dutch, lang: "nl" } : null;
}

/** The same for a title/summary pair that a list carries (only these two fields). */
export function serviceLabel(service: { title: string; summary?: string | null; translations?: ServiceTranslations | null }, lng: string) {
  const t = lng === "nl" ? undefined : service.translations?.[lng];
  return {
    title: t?.title ? { text: t.title, lang: lng } : { text: service.title, lang: "nl" },
    summary: t?.summary ? { text: t.summary, lang: lng } : service.summary ? { text: service.summary, lang: "nl" } : null,
  };
}
