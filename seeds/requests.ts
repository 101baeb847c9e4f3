import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { caseDefinitions, services } from "../db/schema";
import type { Database } from "../app/utils/db.server";
import { requestDefinition, type RequestDefinition } from "../app/modules/cases/definitions";

const here = path.dirname(fileURLToPath(import.meta.url));

export function loadRequestDefinitions(dir = path.join(here, "requests")): RequestDefinition[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const def = requestDefinition.parse(JSON.parse(readFileSync(path.join(dir, f), "utf8")));
      if (`${def.service}.json` !== f) throw new Error(`${f}: service must be ${f.replace(/\.json$/, "")}`);
      return def;
    });
}

/** Adds the form and status model of each requestable service that has none yet. */
export async function seedRequestDefinitions(db: Database) {
  let added = 0;
  for (const def of loadRequestDefinitions()) {
    const [service] = await db.select({ id: services.id }).from(services).where(eq(services.slug, def.service));
    if (!service) throw new Error(`seeds/requests/${def.service}.json: no such service in the catalogue`);
    const { normDays, normIsDemo, ...statusModel } = def.statusModel;
    const rows = await db
      .insert(caseDefinitions)
      .values({ serviceId: service.id, form: def.form, statusModel, normDays, normIsDemo })
      .onConflictDoNothing()
      .returning({ id: caseDefinitions.serviceId });
    added += rows.length;
  }
  return added;
}
