import { eq } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { services, type AssuranceLevel } from "../../../db/schema";
import type { Tx } from "~/utils/db.server";

/**
 * What the catalogue offers the other contexts (docs/decisions/017-cross-context-reads.md):
 * services read through `catalog.server.ts`'s functions or this read-only join helper, never
 * through the `services` table. Cases joins it for a service's title in its lists (one
 * statement, inlined by PostgreSQL like a join on the table).
 */
const qb = new QueryBuilder();

/** Read-only join helper: a service's id, slug, names, competent team and required assurance. */
export const servicesView = <N extends string>(name: N) =>
  qb
    .select({
      id: services.id,
      slug: services.slug,
      title: services.title,
      summary: services.summary,
      translations: services.translations,
      competentTeamId: services.competentTeamId,
      requestable: services.requestable,
      requiredAssurance: services.requiredAssurance,
    })
    .from(services)
    .as(name);

/** Which team handles a service's requests, and the assurance its request needs (service admin of cases). */
export async function setServiceHandling(tx: Tx, serviceId: string, input: { competentTeamId: string; requiredAssurance: AssuranceLevel }) {
  await tx.update(services).set(input).where(eq(services.id, serviceId));
}
