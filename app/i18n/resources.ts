// Bundled into the server build so no file paths are resolved at run time.
import nlCommon from "../../locales/nl/common.json";
import nlAuth from "../../locales/nl/auth.json";
import nlAdmin from "../../locales/nl/admin.json";
import nlCounter from "../../locales/nl/counter.json";
import nlAccess from "../../locales/nl/access.json";
import nlKnowledge from "../../locales/nl/knowledge.json";
import nlCases from "../../locales/nl/cases.json";
import nlContacts from "../../locales/nl/contacts.json";
import nlInbox from "../../locales/nl/inbox.json";
import nlBackoffice from "../../locales/nl/backoffice.json";
import nlInsights from "../../locales/nl/insights.json";
import nlCounteradmin from "../../locales/nl/counteradmin.json";
import nlMeta from "../../locales/nl/meta.json";
import enCommon from "../../locales/en/common.json";
import enAuth from "../../locales/en/auth.json";
import enAdmin from "../../locales/en/admin.json";
import enCounter from "../../locales/en/counter.json";
import enAccess from "../../locales/en/access.json";
import enKnowledge from "../../locales/en/knowledge.json";
import enCases from "../../locales/en/cases.json";
import enContacts from "../../locales/en/contacts.json";
import enInbox from "../../locales/en/inbox.json";
import enBackoffice from "../../locales/en/backoffice.json";
import enInsights from "../../locales/en/insights.json";
import enCounteradmin from "../../locales/en/counteradmin.json";
import enMeta from "../../locales/en/meta.json";
import frCommon from "../../locales/fr/common.json";
import frAuth from "../../locales/fr/auth.json";
import frAdmin from "../../locales/fr/admin.json";
import frCounter from "../../locales/fr/counter.json";
import frAccess from "../../locales/fr/access.json";
import frKnowledge from "../../locales/fr/knowledge.json";
import frCases from "../../locales/fr/cases.json";
import frContacts from "../../locales/fr/contacts.json";
import frInbox from "../../locales/fr/inbox.json";
import frBackoffice from "../../locales/fr/backoffice.json";
import frInsights from "../../locales/fr/insights.json";
import frCounteradmin from "../../locales/fr/counteradmin.json";
import frMeta from "../../locales/fr/meta.json";
import arCommon from "../../locales/ar/common.json";
import arAuth from "../../locales/ar/auth.json";
import arAdmin from "../../locales/ar/admin.json";
import arCounter from "../../locales/ar/counter.json";
import arKnowledge from "../../locales/ar/knowledge.json";
import arCases from "../../locales/ar/cases.json";
import arInbox from "../../locales/ar/inbox.json";
import arMeta from "../../locales/ar/meta.json";
import trCommon from "../../locales/tr/common.json";
import trAuth from "../../locales/tr/auth.json";
import trAdmin from "../../locales/tr/admin.json";
import trCounter from "../../locales/tr/counter.json";
import trKnowledge from "../../locales/tr/knowledge.json";
import trCases from "../../locales/tr/cases.json";
import trInbox from "../../locales/tr/inbox.json";
import trMeta from "../../locales/tr/meta.json";

export const resources = {
  nl: {
    common: nlCommon,
    auth: nlAuth,
    admin: nlAdmin,
    counter: nlCounter,
    access: nlAccess,
    knowledge: nlKnowledge,
    cases: nlCases,
    contacts: nlContacts,
    inbox: nlInbox,
    backoffice: nlBackoffice,
    insights: nlInsights,
    counteradmin: nlCounteradmin,
    meta: nlMeta,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    admin: enAdmin,
    counter: enCounter,
    access: enAccess,
    knowledge: enKnowledge,
    cases: enCases,
    contacts: enContacts,
    inbox: enInbox,
    backoffice: enBackoffice,
    insights: enInsights,
    counteradmin: enCounteradmin,
    meta: enMeta,
  },
  fr: {
    common: frCommon,
    auth: frAuth,
    admin: frAdmin,
    counter: frCounter,
    access: frAccess,
    knowledge: frKnowledge,
    cases: frCases,
    contacts: frContacts,
    inbox: frInbox,
    backoffice: frBackoffice,
    insights: frInsights,
    counteradmin: frCounteradmin,
    meta: frMeta,
  },
  ar: { common: arCommon, auth: arAuth, admin: arAdmin, counter: arCounter, knowledge: arKnowledge, cases: arCases, inbox: arInbox, meta: arMeta },
  tr: { common: trCommon, auth: trAuth, admin: trAdmin, counter: trCounter, knowledge: trKnowledge, cases: trCases, inbox: trInbox, meta: trMeta },
} as const;
