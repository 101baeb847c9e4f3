import { z } from "zod";
import { MECHELEN_POSTCODES, type FieldDef, type FormDef } from "./definitions";

/**
 * Server-side validation derived from a form definition. Input is the flat form post
 * (address parts as `<name>.street` etc.); output is the typed answers to store.
 * Files are checked on upload (uploads.server.ts) and arrive here as references.
 */
const E = (k: string) => `cases:errors.${k}`;

const str = (v: unknown) => (typeof v === "string" ? v.trim() : Array.isArray(v) ? String(v[0] ?? "").trim() : "");
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" && v !== "" ? [v] : []);

export function todayInBrussels(now = new Date()) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function isRealDate(s: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const fileRef = z.object({ id: z.string().uuid(), filename: z.string(), size: z.number(), contentType: z.string() });

function fieldSchema(f: FieldDef): z.ZodTypeAny {
  const optional = !f.required;
  const blankOk = <T extends z.ZodTypeAny>(s: T) => z.preprocess(str, z.union([z.literal("").transform(() => null), s]));
  switch (f.type) {
    case "text":
    case "longtext": {
      const s = z.preprocess(
        str,
        z
          .string()
          .min(1, E("required"))
          .max(f.maxLength ?? (f.type === "text" ? 300 : 5000), E("tooLong")),
      );
      return optional ? blankOk(z.string().max(f.maxLength ?? 5000, E("tooLong"))) : s;
    }
    case "email": {
      const s = z.string().email(E("email")).max(254, E("email"));
      return optional ? blankOk(s) : z.preprocess(str, z.string().min(1, E("required")).pipe(s));
    }
    case "phone": {
      const s = z.string().regex(/^\+?[0-9][0-9 ()./-]{6,18}[0-9]$/, E("phone"));
      return optional ? blankOk(s) : z.preprocess(str, z.string().min(1, E("required")).pipe(s));
    }
    case "number": {
      let n = z.coerce.number({ invalid_type_error: E("number") }).int(E("number"));
      if (f.min !== undefined) n = n.min(f.min, E("numberRange"));
      if (f.max !== undefined) n = n.max(f.max, E("numberRange"));
      const s = z
        .string()
        .regex(/^-?\d+$/, E("number"))
        .pipe(n);
      return optional ? blankOk(s) : z.preprocess(str, z.string().min(1, E("required")).pipe(s));
    }
    case "date": {
      const s = z
        .string()
        .refine(isRealDate, E("date"))
        .refine((d) => f.dateRange !== "future" || d >= todayInBrussels(), E("dateFuture"))
        .refine((d) => f.dateRange !== "past" || d <= todayInBrussels(), E("datePast"));
      return optional ? blankOk(s) : z.preprocess(str, z.string().min(1, E("required")).pipe(s));
    }
    case "choice": {
      const values = f.options!.map((o) => o.value) as [string, ...string[]];
      const s = z.enum(values, { errorMap: () => ({ message: E("choice") }) });
      return optional ? blankOk(s) : z.preprocess(str, z.string().min(1, E("choice")).pipe(s));
    }
    case "multichoice": {
      const values = f.options!.map((o) => o.value) as [string, ...string[]];
      const s = z.array(z.enum(values, { errorMap: () => ({ message: E("choice") }) }));
      return z.preprocess(list, optional ? s : s.min(1, E("multichoice")));
    }
    case "consent":
      return z.preprocess(str, optional ? z.string().transform((v) => v === "yes") : z.literal("yes", { errorMap: () => ({ message: E("consent") }) }).transform(() => true));
    case "address": {
      const s = z.object({
        street: z.string().min(1, E("address")).max(200, E("address")),
        number: z.string().regex(/^[0-9]{1,5}[ ]?[A-Za-z0-9/-]{0,6}$/, E("address")),
        postcode: z.enum(MECHELEN_POSTCODES, { errorMap: () => ({ message: E("postcode") }) }),
      });
      return optional ? s.nullable() : s;
    }
    case "file":
      return optional ? fileRef.nullable() : fileRef.nullable().refine((v) => v !== null, E("fileRequired"));
  }
}

/** Regroups the flat post for these fields (address parts, file references from the draft). */
export function inputFor(fields: FieldDef[], values: Record<string, unknown>, files: Record<string, unknown> = {}) {
  const input: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.type === "address") {
      const parts = { street: str(values[`${f.name}.street`]), number: str(values[`${f.name}.number`]), postcode: str(values[`${f.name}.postcode`]) };
      input[f.name] = !f.required && !parts.street && !parts.number && !parts.postcode ? null : parts;
    } else if (f.type === "file") input[f.name] = files[f.name] ?? null;
    else input[f.name] = values[f.name];
  }
  return input;
}

export function schemaForFields(fields: FieldDef[]) {
  return z.object(Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])));
}

export const allFields = (form: FormDef) => form.steps.flatMap((s) => s.fields);
export const schemaForForm = (form: FormDef) => schemaForFields(allFields(form));

/** Turns stored answers back into the flat values a form shows (to prefill a step). */
export function valuesFromAnswers(fields: FieldDef[], answers: Record<string, unknown>) {
  const values: Record<string, string | string[]> = {};
  for (const f of fields) {
    const v = answers[f.name];
    if (v === undefined || v === null) continue;
    if (f.type === "address") {
      const a = v as Record<string, string>;
      for (const k of ["street", "number", "postcode"]) values[`${f.name}.${k}`] = a[k] ?? "";
    } else if (f.type === "multichoice") values[f.name] = v as string[];
    else if (f.type === "consent") values[f.name] = v ? "yes" : "";
    else if (f.type !== "file") values[f.name] = String(v);
  }
  return values;
}
