import { z } from "zod";

/** Edge validation for the resident's actions on a case page. */
export const replySchema = z.object({
  body: z.string().trim().min(1, "cases:errors.messageRequired").max(5000, "cases:errors.tooLong"),
});

export const rateSchema = z.object({
  score: z.coerce.number({ invalid_type_error: "cases:errors.score" }).int("cases:errors.score").min(1, "cases:errors.score").max(5, "cases:errors.score"),
  comment: z.string().trim().max(2000, "cases:errors.tooLong").optional(),
});
