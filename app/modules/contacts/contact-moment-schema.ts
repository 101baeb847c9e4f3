import { z } from "zod";
import { CONTACT_OUTCOMES } from "../../../db/schema/contacts";

/** What an agent may register by hand; "web" contacts are made by the portal itself. */
export const REGISTERED_CHANNELS = ["counter", "phone", "email", "letter"] as const;

const E = (k: string) => `contacts:errors.${k}`;
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const asList = (v: unknown) => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []);

export const contactMomentInput = z.object({
  channel: z.enum(REGISTERED_CHANNELS, { errorMap: () => ({ message: E("channel") }) }),
  subject: z
    .string({ required_error: E("subject") })
    .trim()
    .min(1, E("subject"))
    .max(200, E("subjectTooLong")),
  summary: z.string().trim().max(2000, E("summaryTooLong")).default(""),
  outcome: z.enum(CONTACT_OUTCOMES, { errorMap: () => ({ message: E("outcome") }) }),
  articles: z.preprocess(asList, z.array(z.string().regex(/^[a-z0-9-]{1,120}$/, E("article"))).max(10, E("tooManyArticles"))),
  residentId: z.preprocess(blankToUndefined, z.string().uuid(E("resident")).optional()),
  ticketId: z.preprocess(blankToUndefined, z.string().uuid(E("ticket")).optional()),
  caseReference: z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.trim().toUpperCase()) : v),
    z
      .string()
      .regex(/^MEC-\d{4}-\d{6}$/, E("caseReference"))
      .optional(),
  ),
});
export type ContactMomentInput = z.infer<typeof contactMomentInput>;
