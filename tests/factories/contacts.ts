import { sql } from "drizzle-orm";
import { appointments, contactMoments, deskThemes, tickets } from "../../db/schema";
import type { DbOrTx } from "../../app/utils/db.server";

/** Data builders for the contacts context: timeline rows of each kind at a chosen time. */

export async function ensureDeskTheme(db: DbOrTx, slug = "test-thema", letter = "T") {
  await db
    .insert(deskThemes)
    .values({ slug, letter, name: { nl: "Testthema", en: "Test theme", fr: "Thème test" } })
    .onConflictDoNothing();
  const [theme] = await db
    .select()
    .from(deskThemes)
    .where(sql`${deskThemes.slug} = ${slug}`);
  return theme;
}

let ticketNo = 0;
export async function ticketAt(db: DbOrTx, input: { themeId: string; residentId: string | null; at: Date }) {
  const [row] = await db
    .insert(tickets)
    .values({
      day: input.at.toISOString().slice(0, 10),
      themeId: input.themeId,
      number: `T-${String(++ticketNo).padStart(3, "0")}-${Math.random().toString(36).slice(2, 6)}`,
      residentId: input.residentId,
      status: "done",
      createdAt: input.at,
    })
    .returning();
  return row;
}

let appointmentNo = 0;
export async function appointmentAt(db: DbOrTx, input: { themeId: string; residentId: string; at: Date }) {
  const [row] = await db
    .insert(appointments)
    .values({
      reference: `AF-TEST${++appointmentNo}${Math.random().toString(36).slice(2, 6)}`,
      themeId: input.themeId,
      residentId: input.residentId,
      startsAt: input.at,
      endsAt: new Date(input.at.getTime() + 15 * 60_000),
    })
    .returning();
  return row;
}

export async function contactAt(db: DbOrTx, input: { residentId: string | null; at: Date; subject?: string; staffId?: string }) {
  const [row] = await db
    .insert(contactMoments)
    .values({ residentId: input.residentId, channel: "phone", subject: input.subject ?? "Vraag", outcome: "answered", staffId: input.staffId ?? null, occurredAt: input.at })
    .returning();
  return row;
}
