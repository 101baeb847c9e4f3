/**
 * The ways to a person when Mikipedia has no answer (issue 16): the same three on the search
 * page and in the search API, so the counter and the phone line see what a resident sees.
 * Only what the portal itself offers; no hours, phone numbers or addresses that the
 * memorandum does not give.
 */
export const WAYS_TO_A_PERSON = [
  { kind: "question", path: "/aanvragen/vraag-aan-de-stad", label: "search.wayQuestion", help: "search.wayQuestionHelp" },
  { kind: "appointment", path: "/afspraak", label: "search.wayAppointment", help: "search.wayAppointmentHelp" },
  { kind: "counter", path: "/mikipedia/huis-van-de-mechelaar", label: "search.wayCounter", help: "search.wayCounterHelp" },
] as const;

/** A path in the resident's language (Dutch is the default, without ?lng). */
export const localizedPath = (path: string, language: string) => (language === "nl" ? path : `${path}${path.includes("?") ? "&" : "?"}lng=${language}`);
