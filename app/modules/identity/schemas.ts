import { z } from "zod";

// Messages are i18n keys; the form shows them translated.
const email = z
  .string()
  .trim()
  .min(1, "auth:errors.emailRequired")
  .max(254)
  .email("auth:errors.emailInvalid")
  .transform((v) => v.toLowerCase());

export const registerSchema = z.object({
  name: z.string().trim().min(1, "auth:errors.nameRequired").max(200, "auth:errors.nameTooLong"),
  email,
  preferredLanguage: z.enum(["nl", "en", "fr"], { errorMap: () => ({ message: "auth:errors.languageRequired" }) }),
  preferredChannel: z.enum(["email", "paper"], { errorMap: () => ({ message: "auth:errors.channelRequired" }) }),
});

export const requestCodeSchema = z.object({ email });

export const verifyCodeSchema = z.object({
  email,
  code: z
    .string()
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "auth:errors.codeFormat")),
});

export const staffLoginSchema = z.object({
  email,
  password: z.string().min(1, "auth:errors.passwordRequired").max(1000),
});

/** The second step of the staff login: 6 digits from the app, or a recovery code (XXXXX-XXXXX). */
export const secondFactorSchema = z.object({
  code: z.string().trim().min(1, "auth:errors.secondFactorRequired").max(40, "auth:errors.secondFactorWrong"),
});

/** A code from the authenticator app (set-up, new recovery codes). */
export const totpCodeSchema = z.object({
  code: z
    .string()
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "auth:errors.totpFormat")),
});

export const ROLE_VALUES = ["frontoffice", "backoffice", "editor", "host", "admin"] as const;

export const staffAccountSchema = z.object({
  name: z.string().trim().min(1, "admin:errors.nameRequired").max(200),
  email,
  roles: z.array(z.enum(ROLE_VALUES)).min(1, "admin:errors.roleRequired"),
  teamIds: z.array(z.string().uuid()).default([]),
  password: z
    .string()
    .max(1000)
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.string().min(12, "admin:errors.passwordTooShort").optional()),
  active: z.boolean().default(true),
  /** The admin confirmed that a team keeps no active member after this change (issue 15.1). */
  confirmLastMember: z.boolean().default(false),
});

export const teamSchema = z.object({
  name: z.string().trim().min(2, "admin:errors.teamNameRequired").max(120),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "admin:errors.teamSlugFormat")
    .max(60),
});

/** Shapes the admin form's fields (checkbox groups, the "active" box) for staffAccountSchema. */
export function staffFormInput(form: FormData) {
  return {
    name: form.get("name") ?? "",
    email: form.get("email") ?? "",
    roles: form.getAll("roles"),
    teamIds: form.getAll("teamIds"),
    password: form.get("password") ?? "",
    active: form.get("active") === "on",
    confirmLastMember: form.get("confirmLastMember") === "on",
  };
}
