import { z } from "zod";

/**
 * Forms and status models are data (seeds/requests/<slug>.json). This file holds their
 * shape, shared by the seed loader, the server and the pages. No server-only imports here.
 */

/** Dutch, English and French are required; courtesy languages (ar, tr, ...) may be added per text. */
const text3 = z.object({ nl: z.string().min(1), en: z.string().min(1), fr: z.string().min(1) }).catchall(z.string().min(1));
export type Text3 = z.infer<typeof text3>;

export const FIELD_TYPES = ["text", "longtext", "number", "date", "choice", "multichoice", "address", "email", "phone", "file", "consent"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const fieldDef = z.object({
  name: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  type: z.enum(FIELD_TYPES),
  label: text3,
  hint: text3.optional(),
  required: z.boolean().default(false),
  autocomplete: z.string().optional(),
  options: z.array(z.object({ value: z.string().regex(/^[a-z0-9-]+$/), label: text3 })).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().positive().optional(),
  /** For dates: "future" or "past" (today allowed). */
  dateRange: z.enum(["future", "past"]).optional(),
});
export type FieldDef = z.infer<typeof fieldDef>;

const stepDef = z.object({ title: text3, fields: z.array(fieldDef).min(1) });

const statusDef = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  /** What the resident reads (plain language). */
  text: text3,
  tellResident: z.boolean(),
  next: z.array(z.string()),
  /** The resident may withdraw the request while it has this status. */
  withdrawable: z.boolean().default(false),
  /** A closing status sets the result. */
  result: z.string().optional(),
  subStatuses: z.array(z.string()).default([]),
});
export type StatusDef = z.infer<typeof statusDef>;

export const requestDefinition = z
  .object({
    service: z.string(),
    form: z.object({ steps: z.array(stepDef).min(1) }),
    statusModel: z.object({
      /** Internal norm of the city. The memorandum names no processing times: always a demo value unless the city sets one. */
      normDays: z.number().int().positive(),
      normIsDemo: z.boolean(),
      statuses: z.array(statusDef).min(2),
    }),
  })
  .superRefine((def, ctx) => {
    const keys = new Set(def.statusModel.statuses.map((s) => s.key));
    if (!keys.has("ontvangen")) ctx.addIssue({ code: "custom", message: "status model needs 'ontvangen'" });
    if (!keys.has("ingetrokken")) ctx.addIssue({ code: "custom", message: "status model needs 'ingetrokken'" });
    for (const s of def.statusModel.statuses) for (const n of s.next) if (!keys.has(n)) ctx.addIssue({ code: "custom", message: `${s.key} → unknown ${n}` });
    const names = def.form.steps.flatMap((s) => s.fields.map((f) => f.name));
    if (new Set(names).size !== names.length) ctx.addIssue({ code: "custom", message: "duplicate field names" });
    for (const f of def.form.steps.flatMap((s) => s.fields))
      if ((f.type === "choice" || f.type === "multichoice") && !f.options?.length) ctx.addIssue({ code: "custom", message: `${f.name} needs options` });
  });
export type RequestDefinition = z.infer<typeof requestDefinition>;
export type FormDef = RequestDefinition["form"];
export type StatusModel = RequestDefinition["statusModel"];

export const pick = (t: Text3 | undefined, lng: string) => (t ? (t[lng] ?? t.nl) : undefined);
/** Like pick, with the language the text is really in (for lang="nl" on a Dutch fallback). */
export const pickIn = (t: Text3 | undefined, lng: string): { text: string; lang: string } | undefined =>
  t ? (t[lng] ? { text: t[lng], lang: lng } : { text: t.nl, lang: "nl" }) : undefined;

export const statusOf = (model: StatusModel, key: string) => model.statuses.find((s) => s.key === key);
export const isFinal = (s: StatusDef | undefined) => !!s && s.next.length === 0;

/** Postcodes of the city of Mechelen and its boroughs. */
export const MECHELEN_POSTCODES = ["2800", "2801", "2811", "2812"] as const;

export type AddressValue = { street: string; number: string; postcode: string };
export type FileRef = { id: string; filename: string; size: number; contentType: string };
