import { intlLocale } from "../../utils/brussels-format";
/** Dates and times on front-office pages, in Brussels time whatever the server's zone. */
export const brusselsTime = (iso: string, lng: string) =>
  new Intl.DateTimeFormat(lng === "nl" ? "nl-BE" : lng === "fr" ? "fr-BE" : intlLocale(lng), {
    hourCycle: "h23",
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Brussels",
  }).format(new Date(iso));
