import { z } from "zod";

export const THEME_VALUES = [
  "dienstverlening",
  "welzijn",
  "wonen",
  "energie",
  "mobiliteit",
  "vrije-tijd",
  "cultuur",
  "sport",
  "gezin",
  "senioren",
  "participatie",
  "digitaal",
  "veiligheid",
  "ondernemen",
  "toegankelijkheid",
] as const;
export const AUDIENCE_VALUES = ["inwoners", "senioren", "gezinnen", "jongeren", "nieuwkomers", "ondernemers", "verenigingen", "bezoekers"] as const;

const list = (sep: RegExp) =>
  z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(sep)
        .map((s) => s.trim())
        .filter(Boolean),
    );
const slugList = list(/[,\s]+/).pipe(z.array(z.string().regex(/^[a-z0-9-]+$/, "knowledge:errors.slugList")));
const arrayOf = <T extends [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(values)).min(1, message));

/** The editor's form, as posted (works without JavaScript: lists are typed as text). */
export const articleContentSchema = z.object({
  title: z.string().trim().min(5, "knowledge:errors.titleRequired").max(160, "knowledge:errors.titleTooLong"),
  summary: z.string().trim().min(10, "knowledge:errors.summaryRequired").max(300, "knowledge:errors.summaryTooLong"),
  body: z.string().trim().min(20, "knowledge:errors.bodyRequired").max(20000),
  themes: arrayOf([...THEME_VALUES], "knowledge:errors.themeRequired"),
  audiences: arrayOf([...AUDIENCE_VALUES], "knowledge:errors.audienceRequired"),
  sourceTheme: z.string().trim().min(1, "knowledge:errors.sourceRequired").max(200),
  sourceSection: z.string().trim().min(1, "knowledge:errors.sourceRequired").max(200),
  searchTerms: list(/[,\n]/),
  /** For a Dutch article: English and French words that find it, also while it has no translation. */
  searchTermsEn: list(/[,\n]/).pipe(z.array(z.string().max(80)).max(40)),
  searchTermsFr: list(/[,\n]/).pipe(z.array(z.string().max(80)).max(40)),
  questions: list(/\n/),
  related: slugList,
  serviceSlug: z
    .string()
    .trim()
    .default("")
    .transform((v) => v || null)
    .pipe(
      z
        .string()
        .regex(/^[a-z0-9-]+$/, "knowledge:errors.slugList")
        .nullable(),
    ),
  reviewBefore: z
    .string()
    .trim()
    .default("")
    .transform((v) => v || null)
    .pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "knowledge:errors.dateFormat")
        .nullable(),
    ),
});
export type ArticleContentInput = z.infer<typeof articleContentSchema>;

export const newArticleSchema = articleContentSchema.extend({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "knowledge:errors.slugFormat")
    .max(80),
  language: z.enum(["nl", "en", "fr"], { errorMap: () => ({ message: "knowledge:errors.languageRequired" }) }),
});

export const feedbackSchema = z.object({
  helpful: z.enum(["ja", "nee"], { errorMap: () => ({ message: "knowledge:errors.helpfulRequired" }) }).transform((v) => v === "ja"),
  reason: z
    .enum(["unclear", "incomplete", "outdated", "not_my_question"])
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export const bestBetSchema = z.object({ query: z.string().trim().min(2, "knowledge:errors.queryRequired").max(200) });
