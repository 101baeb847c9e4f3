/** Dates and times on front-office pages, in Brussels time whatever the server's zone. */
export const brusselsTime = (iso: string, lng: string) =>
  new Intl.DateTimeFormat(lng === "nl" ? "nl-BE" : lng === "fr" ? "fr-BE" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" }).format(new Date(iso));
