import type { Language } from "../../../db/schema";
import { fixedT } from "~/utils/i18next.server";
import { localizedPath, WAYS_TO_A_PERSON } from "./no-answer";

export type NoAnswerHelp = { title: string; message: string; ways: { kind: string; label: string; description: string; url: string }[] };

/** The "no answer yet" signal of the search API, in the asked language, with absolute links. */
export function noAnswerHelp(language: Language, query: string, baseUrl: string): NoAnswerHelp {
  const t = fixedT(language, "knowledge");
  return {
    title: t("search.noAnswerTitle"),
    message: t("search.noAnswerIntro", { query, interpolation: { escapeValue: false } }),
    ways: WAYS_TO_A_PERSON.map((w) => ({ kind: w.kind, label: t(w.label), description: t(w.help), url: `${baseUrl}${localizedPath(w.path, language)}` })),
  };
}
