import { and, asc, eq, gt } from "drizzle-orm";
import { appointmentSchedules, appointments, deskThemes } from "../../../db/schema";
import { peopleView } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { db } from "~/utils/db.server";
import { minutesOf, type ScheduleRow } from "./admin-schemas";
import { assertAdmin } from "./admin.server";

/** Read through identity's read-only join helper (decision 017). */
const resident = peopleView("resident");
/** A theme's appointment schedule as the admin edits it. */
export async function getSchedule(actor: CurrentUser, slug: string) {
  assertAdmin(actor);
  const [theme] = await db.select().from(deskThemes).where(eq(deskThemes.slug, slug));
  if (!theme) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const rows = await db
    .select()
    .from(appointmentSchedules)
    .where(eq(appointmentSchedules.themeId, theme.id))
    .orderBy(asc(appointmentSchedules.weekday), asc(appointmentSchedules.startTime));
  return {
    theme: { id: theme.id, slug: theme.slug, letter: theme.letter, name: theme.name, active: theme.active },
    isDemo: rows.some((r) => r.isDemo),
    rows: rows.map((r) => ({ weekday: r.weekday, start: r.startTime, end: r.endTime, slotMinutes: r.slotMinutes, capacity: r.capacity })),
  };
}

const brussels = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Brussels", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const ISO_DAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** True when a start time (a moment) is one of the slots the rows make, in Mechelen's time. */
export function fitsSchedule(startsAt: Date, rows: ScheduleRow[]) {
  const parts = Object.fromEntries(brussels.formatToParts(startsAt).map((p) => [p.type, p.value]));
  const weekday = ISO_DAY[parts.weekday];
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  return rows.some((r) => {
    const start = minutesOf(r.start);
    return r.weekday === weekday && minute >= start && minute + r.slotMinutes <= minutesOf(r.end) && (minute - start) % r.slotMinutes === 0;
  });
}

export type AffectedBooking = { reference: string; startsAt: Date; residentName: string };

/** Booked future appointments of a theme that the new rows no longer offer as a slot. */
async function bookingsOutside(themeId: string, rows: ScheduleRow[]): Promise<AffectedBooking[]> {
  const booked = await db
    .select({ reference: appointments.reference, startsAt: appointments.startsAt, residentName: resident.name })
    .from(appointments)
    .innerJoin(resident, eq(resident.id, appointments.residentId))
    .where(and(eq(appointments.themeId, themeId), eq(appointments.status, "booked"), gt(appointments.startsAt, new Date())))
    .orderBy(asc(appointments.startsAt));
  return booked.filter((b) => !fitsSchedule(b.startsAt, rows));
}

/**
 * Replaces a theme's schedule with the admin's rows. A real schedule is no longer the demo, so
 * the booking page stops saying so. Booked appointments are never touched: when the new rows
 * drop slots that have bookings, nothing is saved until the admin confirms having seen the list.
 */
export async function saveSchedule(
  actor: CurrentUser,
  slug: string,
  rows: ScheduleRow[],
  opts: { confirmed: boolean },
): Promise<{ saved: true; keptOutside: number } | { saved: false; affected: AffectedBooking[] }> {
  assertAdmin(actor);
  const [theme] = await db.select().from(deskThemes).where(eq(deskThemes.slug, slug));
  if (!theme) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const affected = await bookingsOutside(theme.id, rows);
  if (affected.length && !opts.confirmed) return { saved: false, affected };
  await db.transaction(async (tx) => {
    // One save at a time per theme, so two admins cannot interleave deletes and inserts.
    await tx.select({ id: deskThemes.id }).from(deskThemes).where(eq(deskThemes.id, theme.id)).for("update");
    await tx.delete(appointmentSchedules).where(eq(appointmentSchedules.themeId, theme.id));
    if (rows.length) {
      await tx
        .insert(appointmentSchedules)
        .values(rows.map((r) => ({ themeId: theme.id, weekday: r.weekday, startTime: r.start, endTime: r.end, slotMinutes: r.slotMinutes, capacity: r.capacity, isDemo: false })));
    }
    await recordAudit(
      {
        actorId: actor.id,
        action: "counter.schedule.saved",
        entityType: "desk_theme",
        entityId: theme.id,
        details: { rows, bookingsOutsideSchedule: affected.map((a) => a.reference) },
      },
      tx,
    );
  });
  return { saved: true, keptOutside: affected.length };
}
