import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { services, teams, type ServiceText, type ServiceTranslations } from "../db/schema";
import type { Database } from "../app/utils/db.server";

const here = path.dirname(fileURLToPath(import.meta.url));

const serviceRecord = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  summary: z.string().min(1).max(300),
  description: z.string().min(1),
  audiences: z.array(z.string()),
  themes: z.array(z.string()),
  conditions: z.string().nullable(),
  requirements: z.array(z.string()).nullable(),
  channels: z.object({ online: z.string().nullable(), counter: z.string().nullable(), phone: z.string().nullable() }),
  cost: z.string().nullable(),
  processingTimeDays: z.number().int().positive().nullable(),
  result: z.string().nullable(),
  competentTeam: z.string(),
  contactPoint: z.string().nullable(),
  relatedServices: z.array(z.string()),
  legalBasis: z.string().nullable(),
  keywords: z.array(z.string()),
  lastChecked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  memorandumSource: z.object({ theme: z.string(), section: z.string() }),
  requestable: z.boolean(),
  requiredAssurance: z.enum(["low", "substantial", "high"]).optional(),
});
export type ServiceRecord = z.infer<typeof serviceRecord>;

const serviceText = z
  .object({
    title: z.string().min(1),
    summary: z.string().min(1).max(300),
    description: z.string().min(1).optional(),
    requirements: z.array(z.string().min(1)).optional(),
    conditions: z.string().min(1).optional(),
    result: z.string().min(1).optional(),
    channels: z
      .object({ online: z.string().min(1), counter: z.string().min(1), phone: z.string().min(1) })
      .partial()
      .strict()
      .optional(),
  })
  .strict();
const translationFile = z.record(z.string().regex(/^[a-z]{2,3}$/), z.record(z.string(), serviceText));

/** seeds/catalog/translations.json: per language, per slug, the translated texts of a service. */
export function loadServiceTranslations(file = path.join(here, "catalog/translations.json")) {
  const byLanguage = translationFile.parse(JSON.parse(readFileSync(file, "utf8")));
  const bySlug = new Map<string, Record<string, z.infer<typeof serviceText>>>();
  for (const [lng, services] of Object.entries(byLanguage)) for (const [slug, text] of Object.entries(services)) bySlug.set(slug, { ...bySlug.get(slug), [lng]: text });
  return bySlug;
}

export function loadServiceRecords(file = path.join(here, "catalog/services.json")): ServiceRecord[] {
  return z.array(serviceRecord).parse(JSON.parse(readFileSync(file, "utf8")));
}

/** The stored translations plus the seeded fields they lack, or null when nothing is missing. */
export function withMissingFields(stored: ServiceTranslations, seeded: ServiceTranslations): ServiceTranslations | null {
  let changed = false;
  const out: ServiceTranslations = { ...stored };
  for (const [lng, fields] of Object.entries(seeded)) {
    const have = { ...out[lng] };
    for (const [field, value] of Object.entries(fields ?? {}) as [keyof ServiceText, ServiceText[keyof ServiceText]][])
      if (have[field] === undefined && value !== undefined) {
        (have as Record<string, unknown>)[field] = value;
        changed = true;
      }
    out[lng] = have;
  }
  return changed ? out : null;
}

/** Inserts services that are missing; an existing row (maybe edited in the portal) is left alone. */
export async function seedCatalog(db: Database) {
  const records = loadServiceRecords();
  const translations = loadServiceTranslations();
  const teamRows = await db.select({ id: teams.id, slug: teams.slug }).from(teams);
  const teamId = new Map(teamRows.map((t) => [t.slug, t.id]));
  for (const { competentTeam, ...r } of records) {
    await db
      .insert(services)
      .values({ ...r, competentTeamId: teamId.get(competentTeam) ?? null, translations: translations.get(r.slug) ?? {} })
      .onConflictDoNothing({ target: services.slug });
    // A row seeded before some translated fields existed gets the missing ones; a field already there (maybe edited later) is left alone.
    const t = translations.get(r.slug);
    if (t) {
      const [row] = await db.select({ translations: services.translations }).from(services).where(eq(services.slug, r.slug));
      const merged = withMissingFields(row?.translations ?? {}, t);
      if (merged) await db.update(services).set({ translations: merged }).where(eq(services.slug, r.slug));
    }
  }
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(services);
  return n;
}
