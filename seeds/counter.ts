import { sql } from "drizzle-orm";
import { appointmentSchedules, deskThemes, desks } from "../db/schema";
import type { Database } from "../app/utils/db.server";

/**
 * Demo themaloketten and desks. The memorandum asks for "more themaloketten" but does not
 * list them, so these are examples (is_demo), not Mechelen's real counter set-up.
 */
export const DEMO_THEMES = [
  { slug: "burgerzaken", letter: "B", pictogram: "id", sortOrder: 1, name: { nl: "Burgerzaken", en: "Civil affairs", fr: "Affaires civiles" } },
  { slug: "welzijn", letter: "S", pictogram: "care", sortOrder: 2, name: { nl: "Sociaal Huis en welzijn", en: "Social House and welfare", fr: "Maison sociale et bien-être" } },
  { slug: "wonen-energie", letter: "W", pictogram: "house", sortOrder: 3, name: { nl: "Wonen en energie", en: "Housing and energy", fr: "Logement et énergie" } },
  { slug: "vrije-tijd", letter: "V", pictogram: "leisure", sortOrder: 4, name: { nl: "Vrije tijd", en: "Leisure", fr: "Loisirs" } },
  { slug: "andere-vraag", letter: "A", pictogram: "info", sortOrder: 5, name: { nl: "Andere vraag", en: "Other question", fr: "Autre question" } },
];

export async function seedDemoCounter(db: Database) {
  for (const theme of DEMO_THEMES)
    await db
      .insert(deskThemes)
      .values({ ...theme, isDemo: true })
      .onConflictDoNothing();
  for (const name of ["Loket 1", "Loket 2", "Loket 3", "Loket 4"]) await db.insert(desks).values({ name }).onConflictDoNothing();
  // A demo appointment schedule (weekday mornings), labelled as demo on the booking page.
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(appointmentSchedules);
  if (n > 0) return;
  const themes = await db.select().from(deskThemes);
  for (const theme of themes.filter((t) => ["burgerzaken", "wonen-energie", "welzijn"].includes(t.slug))) {
    for (const weekday of [1, 2, 3, 4, 5]) {
      await db.insert(appointmentSchedules).values({ themeId: theme.id, weekday, startTime: "09:00", endTime: "12:00", slotMinutes: 15, capacity: 2, isDemo: true });
    }
  }
}
