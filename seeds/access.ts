import { and, eq } from "drizzle-orm";
import { buildings, entrances } from "../db/schema";
import type { DbOrTx } from "../app/utils/db.server";

/**
 * The city buildings the memorandum names (Thema 2 §3 and the culture chapter). It gives
 * no addresses, so none are stored: pages and mails then say to ask the host.
 */
export const BUILDINGS = [
  { code: 1, slug: "huis-van-de-mechelaar", name: "Huis van de Mechelaar" },
  { code: 2, slug: "zeeridder", name: "De Zeeridder" },
  { code: 3, slug: "schepenhuis", name: "Schepenhuis (vrijetijdsbalie)" },
  { code: 4, slug: "bibliotheek", name: "Bibliotheek" },
] as const;

export async function seedBuildings(db: DbOrTx) {
  for (const b of BUILDINGS) {
    await db.insert(buildings).values(b).onConflictDoNothing({ target: buildings.slug });
    const [row] = await db.select({ id: buildings.id }).from(buildings).where(eq(buildings.slug, b.slug));
    const [entrance] = await db.select({ id: entrances.id }).from(entrances).where(and(eq(entrances.buildingId, row.id), eq(entrances.slug, "hoofdingang")));
    if (!entrance) await db.insert(entrances).values({ buildingId: row.id, slug: "hoofdingang", name: "Hoofdingang" }).onConflictDoNothing();
  }
}
