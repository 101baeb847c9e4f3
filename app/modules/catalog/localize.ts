import type { ServiceChannels, ServiceText, ServiceTranslations } from "../../../db/schema/catalog";

/** A text together with the language it is really in (for lang="nl" on a Dutch fallback). */
export type InLanguage = { text: string; lang: string };

type TextField = "title" | "summary" | "description" | "conditions" | "result";
type Localizable = { translations?: ServiceTranslations | null } & Partial<Record<TextField, string | null>>;

const translationIn = (service: { translations?: ServiceTranslations | null }, lng: string): ServiceText | undefined =>
  lng === "nl" ? undefined : (service.translations?.[lng] ?? undefined);

/**
 * A service text in the page language, or the Dutch original when there is no translation.
 * Pure and client-safe: pages call it in their JSX with the language they render in.
 */
export function serviceText(service: Localizable, field: TextField, lng: string): InLanguage | null {
  const dutch = service[field];
  if (!dutch) return null;
  const translated = translationIn(service, lng)?.[field];
  return translated ? { text: translated, lang: lng } : { text: dutch, lang: "nl" };
}

/** What you need, item by item: translated only when the translation has every item of the Dutch list. */
export function serviceRequirements(service: { translations?: ServiceTranslations | null; requirements?: string[] | null }, lng: string): InLanguage[] {
  const dutch = service.requirements ?? [];
  const translated = translationIn(service, lng)?.requirements;
  if (translated && translated.length === dutch.length) return translated.map((text) => ({ text, lang: lng }));
  return dutch.map((text) => ({ text, lang: "nl" }));
}

/** The channels the Dutch text names (online, counter, phone), each in the page language or Dutch. */
export function serviceChannels(service: { translations?: ServiceTranslations | null; channels: ServiceChannels }, lng: string) {
  const t = translationIn(service, lng)?.channels;
  return (["online", "counter", "phone"] as const).flatMap((channel) => {
    const dutch = service.channels[channel];
    if (!dutch) return [];
    const translated = t?.[channel];
    return [{ channel, ...(translated ? { text: translated, lang: lng } : { text: dutch, lang: "nl" }) }];
  });
}

/** The same for a title/summary pair that a list carries (only these two fields). */
export function serviceLabel(service: { title: string; summary?: string | null; translations?: ServiceTranslations | null }, lng: string) {
  return {
    title: serviceText(service, "title", lng)!,
    summary: serviceText(service, "summary", lng),
  };
}
