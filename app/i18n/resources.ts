// Bundled into the server build so no file paths are resolved at run time.
import nlCommon from "../../locales/nl/common.json";
import nlAuth from "../../locales/nl/auth.json";
import nlAdmin from "../../locales/nl/admin.json";
import nlCases from "../../locales/nl/cases.json";
import enCommon from "../../locales/en/common.json";
import enAuth from "../../locales/en/auth.json";
import enAdmin from "../../locales/en/admin.json";
import enCases from "../../locales/en/cases.json";
import frCommon from "../../locales/fr/common.json";
import frAuth from "../../locales/fr/auth.json";
import frAdmin from "../../locales/fr/admin.json";
import frCases from "../../locales/fr/cases.json";

export const resources = {
  nl: { common: nlCommon, auth: nlAuth, admin: nlAdmin, cases: nlCases },
  en: { common: enCommon, auth: enAuth, admin: enAdmin, cases: enCases },
  fr: { common: frCommon, auth: frAuth, admin: frAdmin, cases: frCases },
} as const;
