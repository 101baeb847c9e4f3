import { z } from "zod";

/**
 * The identifiers that arrive in addresses and forms, parsed once here so that no malformed
 * id ever reaches a query. Routes use these in their `params`/`query`/`body` schemas.
 */
export const uuid = z.string().uuid();
/** A case reference as residents see it: MEC-2026-000123. */
export const caseReference = z.string().regex(/^MEC-\d{4}-\d{6}$/);
/** Lower-case words joined by single hyphens (services, articles, themes, audiences). */
export const slug = z
  .string()
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
/** A calendar day, YYYY-MM-DD, that exists (2026-02-30 does not). */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  });
