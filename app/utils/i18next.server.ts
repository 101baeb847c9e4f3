import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { defaultLanguage, i18nConfig, isSupportedLanguage, supportedLanguages, type SupportedLanguage } from "~/i18n/config";
import { resources } from "~/i18n/resources";

/** The explicit language choice, remembered for a year. */
export const languageCookie = createCookie("lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** Explicit choice (?lng= or cookie) first, then the browser's preference, then Dutch. */
export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage: defaultLanguage,
    cookie: languageCookie,
    order: ["searchParams", "cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});

export async function getLanguage(request: Request): Promise<SupportedLanguage> {
  const lng = await i18next.getLocale(request);
  return isSupportedLanguage(lng) ? lng : defaultLanguage;
}

let mailInstance: ReturnType<typeof createInstance> | undefined;
/** A translation function for a fixed language, outside any request (mail, worker). */
export function fixedT(language: string, ns: string = "common"): TFunction {
  if (!mailInstance) {
    mailInstance = createInstance();
    void mailInstance.init({ ...i18nConfig, resources, initImmediate: false });
  }
  return mailInstance.getFixedT(isSupportedLanguage(language) ? language : defaultLanguage, ns);
}
