/** Dates are stored in UTC and shown in Europe/Brussels time (architecture §4). */
export type DateStyle = "date" | "longDate" | "dateTime";

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium", timeZone: "Europe/Brussels" },
  longDate: { dateStyle: "long", timeZone: "Europe/Brussels" },
  dateTime: { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" },
};

// Creating a DateTimeFormat costs about 45 µs, formatting with one about 1 µs, and pages list
// many dates: one formatter per locale and style for the whole process.
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The Intl locale for a page language: English pages use British conventions (day-month-year,
 * 24-hour clock), Arabic pages keep the Latin digits of the city's letters and case numbers.
 */
const INTL_LOCALE: Record<string, string> = { en: "en-GB", ar: "ar-u-nu-latn" };
export const intlLocale = (locale: string) => INTL_LOCALE[locale] ?? locale;

/** The shared formatter for `locale` in one of the portal's date styles. */
export function brusselsFormat(locale: string, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}\u0000${style}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(intlLocale(locale), { ...OPTIONS[style], hourCycle: "h23" })));
  return f;
}
