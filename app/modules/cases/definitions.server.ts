import { and, asc, eq } from "drizzle-orm";
import { caseDefinitions, type AssuranceLevel, type ServiceTranslations } from "../../../db/schema";
import { servicesView } from "~/modules/catalog/directory.server";
import { clearEverywhere, registerCache } from "~/modules/platform/cache-bus.server";
import { db } from "~/utils/db.server";
import { requestDefinition, type FormDef, type StatusModel } from "./definitions";

export type LoadedDefinition = {
  serviceId: string;
  slug: string;
  title: string;
  summary: string;
  /** Translated title and summary per language (services.translations). */
  translations: ServiceTranslations;
  teamId: string | null;
  /** The login a resident needs to submit it online (docs/decisions/018-identity-oidc.md). */
  requiredAssurance: AssuranceLevel;
  form: FormDef;
  statusModel: StatusModel;
};

/** Services through the catalogue's read-only join helper (decision 017). */
const services = servicesView("service");

// Definitions change only through seeds or a deploy; a short cache keeps list pages cheap.
const TTL_MS = 60_000;
let cache: { at: number; bySlug: Map<string, LoadedDefinition>; byId: Map<string, LoadedDefinition> } | undefined;

async function loadAll() {
  if (cache && Date.now() - cache.at < TTL_MS) return cache;
  const rows = await db
    .select({
      d: caseDefinitions,
      s: {
        id: services.id,
        slug: services.slug,
        title: services.title,
        summary: services.summary,
        translations: services.translations,
        teamId: services.competentTeamId,
        requiredAssurance: services.requiredAssurance,
      },
    })
    .from(caseDefinitions)
    .innerJoin(services, and(eq(services.id, caseDefinitions.serviceId), eq(services.requestable, true)))
    .orderBy(asc(services.title));
  const list = rows.map(({ d, s }) => {
    const parsed = requestDefinition.parse({ service: s.slug, form: d.form, statusModel: { ...(d.statusModel as object), normDays: d.normDays, normIsDemo: d.normIsDemo } });
    return {
      serviceId: s.id,
      slug: s.slug,
      title: s.title,
      summary: s.summary,
      translations: s.translations,
      teamId: s.teamId,
      requiredAssurance: s.requiredAssurance,
      form: parsed.form,
      statusModel: parsed.statusModel,
    };
  });
  cache = { at: Date.now(), bySlug: new Map(list.map((d) => [d.slug, d])), byId: new Map(list.map((d) => [d.serviceId, d])) };
  return cache;
}

registerCache("definitions", () => {
  cache = undefined;
});

/** After an admin changes a definition, status model or routing: in every process. */
export function clearDefinitionCache() {
  clearEverywhere("definitions");
}

export async function listRequestable() {
  return [...(await loadAll()).bySlug.values()];
}

export async function definitionBySlug(slug: string) {
  return (await loadAll()).bySlug.get(slug);
}

export async function definitionByServiceId(id: string) {
  return (await loadAll()).byId.get(id);
}
