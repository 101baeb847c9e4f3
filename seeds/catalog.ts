import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { services, teams } from "../db/schema";
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

const serviceText = z.object({ title: z.string().min(1), summary: z.string().min(1).max(300), description: z.string().min(1).optional(), result: z.string().min(1).optional() }).strict();
const translationFile = z.record(z.string().regex(/^[a-z]{2,3}$/), z.record(z.string(), serviceText));

/** seeds/catalog/translations.json: per language, per slug, the translated texts of a service. */
export function loadServiceTranslations(file = path.join(here, "catalog/translations.json")) {
  const byLanguage = translationFile.parse(JSON.parse(readFileSync(file, "utf8")));
  const bySlug = new Map<string, Record<string, z.infer<typeof serviceText>>>();
  for (const [lng, services] of Object.entries(byLanguage))
    for (const [slug, text] of Object.entries(services)) bySlug.set(slug, { ...bySlug.get(slug), [lng]: text });
  return bySlug;
}

export function loadServiceRecords(file = path.join(here, "catalog/services.json")): ServiceRecord[] {
  return z.array(serviceRecord).parse(JSON.parse(readFileSync(file, "utf8")));
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
    // A row seeded before translations existed gets them; translations edited later are left alone.
    const t = translations.get(r.slug);
    if (t) await db.update(services).set({ translations: t }).where(and(eq(services.slug, r.slug), sql`${services.translations} = '{}'::jsonb`));
  }
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(services);
  return n;
}
