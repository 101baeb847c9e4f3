/**
 * The languages of the portal: configuration, not code spread over pages. Dutch is the
 * official language; every other language is a translation offered as an aid (labelled on
 * the page, with a link to the Dutch original). To add a language: add an entry here, add
 * locales/<code>/*.json with every key of locales/nl (the parity test checks), register the
 * files in app/i18n/resources.ts and, optionally, translated articles in seeds/knowledge/<code>.
 */
export const languages = [
  { code: "nl", dir: "ltr", label: "Nederlands", official: true },
  { code: "en", dir: "ltr", label: "English", official: false },
  { code: "fr", dir: "ltr", label: "Français", official: false },
  { code: "ar", dir: "rtl", label: "العربية", official: false },
  { code: "tr", dir: "ltr", label: "Türkçe", official: false },
] as const satisfies readonly { code: string; dir: "ltr" | "rtl"; label: string; official: boolean }[];

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

export function languageLabel(code: string): string {
  return languages.find((l) => l.code === code)?.label ?? code;
}
