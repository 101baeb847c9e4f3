import type { ZodTypeAny, z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormFailure = { errors: FieldErrors; values: Record<string, string | string[]> };

/** Reads every field of a form, keeping repeated names (checkbox groups) as arrays. */
export function formValues(form: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("_")) continue;
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/**
 * Validates input with a module's zod schema. On failure returns one message key per field
 * and the values as typed, so the page can show an error summary and lose nothing.
 */
export function parseWith<S extends ZodTypeAny>(
  schema: S,
  input: unknown,
  values: Record<string, string | string[]> = {},
): { ok: true; data: z.infer<S> } | ({ ok: false } & FormFailure) {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message.includes(":") ? issue.message : "common:errors.invalid";
  }
  // Never send a password back to the page.
  const { password: _pw, ...safeValues } = values;
  return { ok: false, errors, values: safeValues };
}

/** A repeated form field (checkboxes) as a list: formValues gives one value as a string, several as an array. */
export const asList = (v: unknown): unknown[] => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);
