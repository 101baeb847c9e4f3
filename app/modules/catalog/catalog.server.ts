import { asc, eq, inArray } from "drizzle-orm";
import { services } from "../../../db/schema";
import { teamsView } from "~/modules/identity/directory.server";
import { db } from "~/utils/db.server";

export type Service = typeof services.$inferSelect;

/** The competent team, through identity's read-only join helper (decision 017). */
const teams = teamsView("team");

export async function getServiceBySlug(slug: string) {
  const [row] = await db
    .select({ service: services, teamSlug: teams.slug, teamName: teams.name })
    .from(services)
    .leftJoin(teams, eq(teams.id, services.competentTeamId))
    .where(eq(services.slug, slug));
  return row ? { ...row.service, team: row.teamSlug ? { slug: row.teamSlug, name: row.teamName! } : null } : undefined;
}

export async function listServices(opts: { requestableOnly?: boolean } = {}) {
  const rows = await db.select().from(services).orderBy(asc(services.title));
  return opts.requestableOnly ? rows.filter((s) => s.requestable) : rows;
}

export async function getServicesBySlugs(slugs: string[]) {
  if (!slugs.length) return [];
  return db.select().from(services).where(inArray(services.slug, slugs));
}

/** What a resident reads about a service before filling in its form (Dutch columns plus their translations); null when unknown. */
export async function getServiceIntro(slug: string) {
  const [row] = await db
    .select({
      description: services.description,
      requirements: services.requirements,
      conditions: services.conditions,
      result: services.result,
      translations: services.translations,
    })
    .from(services)
    .where(eq(services.slug, slug));
  return row ?? null;
}
