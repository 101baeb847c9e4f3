/**
 * The languages of the portal: configuration, not code spread over pages. Dutch is the
 * official language; every other language is a translation offered as an aid (labelled on
 * the page, with a link to the Dutch original). To add a language: add an entry here, add
 * locales/<code>/*.json with every key of locales/nl (the parity test checks), register the
 * files in app/i18n/resources.ts and, optionally, translated articles in seeds/knowledge/<code>.
 */
// Staff-only screens of a courtesy language may stay untranslated (`untranslated`): their text
// falls back to Dutch and the page content is then marked lang="nl" (see root Layout).
const STAFF_ONLY = ["backoffice", "contacts", "counteradmin"] as const;
// Not yet translated into the courtesy languages (issue 16 item 7 follow-up): Dutch, marked lang="nl".
const PENDING = ["access", "insights"] as const;
const COURTESY_UNTRANSLATED = [...STAFF_ONLY, ...PENDING] as const;
export const languages = [
  { code: "nl", dir: "ltr", label: "Nederlands", official: true, untranslated: [] },
  { code: "en", dir: "ltr", label: "English", official: false, untranslated: [] },
  { code: "fr", dir: "ltr", label: "Français", official: false, untranslated: [] },
  { code: "ar", dir: "rtl", label: "العربية", official: false, untranslated: COURTESY_UNTRANSLATED },
  { code: "tr", dir: "ltr", label: "Türkçe", official: false, untranslated: COURTESY_UNTRANSLATED },
] as const satisfies readonly { code: string; dir: "ltr" | "rtl"; label: string; official: boolean; untranslated: readonly string[] }[];

export type LanguageConfig = (typeof languages)[number];
export const supportedLanguages = languages.map((l) => l.code) as [LanguageConfig["code"], ...LanguageConfig["code"][]];
export type SupportedLanguage = LanguageConfig["code"];
export const defaultLanguage: SupportedLanguage = "nl";
export const namespaces = ["common", "auth", "admin", "counter", "access", "knowledge", "cases", "contacts", "inbox", "backoffice", "insights", "counteradmin", "meta"] as const;

/** Shared by the server and the browser instance of i18next. */
export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: defaultLanguage,
  defaultNS: "common",
  ns: [...namespaces],
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
};

export function isSupportedLanguage(value: unknown): value is SupportedLanguage {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

export function languageDir(code: string): "ltr" | "rtl" {
  return languages.find((l) => l.code === code)?.dir ?? "ltr";
}

/** True when `code` has no translation of namespace `ns` (its texts fall back to Dutch). */
export function lacksNamespace(code: string, ns: string): boolean {
  return (languages.find((l) => l.code === code)?.untranslated as readonly string[] | undefined)?.includes(ns) ?? false;
}

export function languageLabel(code: string): string {
  return languages.find((l) => l.code === code)?.label ?? code;
}
