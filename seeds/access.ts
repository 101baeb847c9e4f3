import { and, eq } from "drizzle-orm";
import { buildings, entrances } from "../db/schema";
import type { Database } from "../app/utils/db.server";

/**
 * The city buildings the memorandum names (Thema 2 §3 and the culture chapter). It gives
 * no addresses, opening hours or accessibility details for them, so none are stored (null,
 * not invented): the pass page and mails then show nothing for those fields (the address
 * line says to ask the host). An admin fills them in at /werk/toegang.
 */
type SeedBuilding = { code: number; slug: string; name: string; address: string | null; openingHours: string | null; accessibility: string | null };
export const BUILDINGS: readonly SeedBuilding[] = [
  { code: 1, slug: "huis-van-de-mechelaar", name: "Huis van de Mechelaar", address: null, openingHours: null, accessibility: null },
  { code: 2, slug: "zeeridder", name: "De Zeeridder", address: null, openingHours: null, accessibility: null },
  { code: 3, slug: "schepenhuis", name: "Schepenhuis (vrijetijdsbalie)", address: null, openingHours: null, accessibility: null },
  { code: 4, slug: "bibliotheek", name: "Bibliotheek", address: null, openingHours: null, accessibility: null },
];

export async function seedBuildings(db: Database) {
  for (const b of BUILDINGS) {
    await db.insert(buildings).values(b).onConflictDoNothing({ target: buildings.slug });
    const [row] = await db.select({ id: buildings.id }).from(buildings).where(eq(buildings.slug, b.slug));
    const [entrance] = await db
      .select({ id: entrances.id })
      .from(entrances)
      .where(and(eq(entrances.buildingId, row.id), eq(entrances.slug, "hoofdingang")));
    if (!entrance) await db.insert(entrances).values({ buildingId: row.id, slug: "hoofdingang", name: "Hoofdingang" }).onConflictDoNothing();
  }
}
