import { z } from "zod";
import { CONTACT_CHANNELS, LANGUAGES } from "../../../db/schema/identity";

const E = (k: string) => `contacts:errors.${k}`;
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** A resident record made by an agent for someone without an account (no login until they claim it). */
export const newResidentInput = z
  .object({
    name: z.preprocess(
      trimmed,
      z
        .string({ required_error: E("name") })
        .min(2, E("name"))
        .max(200, E("name")),
    ),
    email: z.preprocess(trimmed, z.union([z.literal(""), z.string().email(E("email")).max(254, E("email"))])).default(""),
    phone: z.preprocess(trimmed, z.union([z.literal(""), z.string().regex(/^\+?[0-9][0-9 ()./-]{6,18}[0-9]$/, E("phone"))])).default(""),
    preferredLanguage: z.enum(LANGUAGES, { errorMap: () => ({ message: E("language") }) }),
    preferredChannel: z.enum(CONTACT_CHANNELS, { errorMap: () => ({ message: E("preferredChannel") }) }),
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.phone) ctx.addIssue({ code: "custom", path: ["email"], message: E("emailOrPhone") });
    if (v.preferredChannel === "email" && !v.email) ctx.addIssue({ code: "custom", path: ["email"], message: E("emailForChannel") });
  });
export type NewResidentInput = z.infer<typeof newResidentInput>;

export const INTAKE_CHANNELS = ["counter", "phone"] as const;
export const intakeChannel = z.enum(INTAKE_CHANNELS, { errorMap: () => ({ message: E("intakeChannel") }) });
