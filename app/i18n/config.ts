export const supportedLanguages = ["nl", "en", "fr"] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];
export const defaultLanguage: SupportedLanguage = "nl";
export const namespaces = ["common", "auth", "admin", "counter", "access", "knowledge", "cases", "contacts", "inbox", "backoffice", "insights", "counteradmin"] as const;

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
