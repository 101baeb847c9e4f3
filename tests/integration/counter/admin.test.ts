import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { appointmentSchedules, appointmentSlots, appointments, auditLog, deskThemes, desks } from "../../../db/schema";
import { parseScheduleForm, type ScheduleRow } from "../../../app/modules/counter/admin-schemas";
import {
  assignDesk,
  assignmentsForDay,
  clearAssignment,
  listAllThemes,
  removeTheme,
  saveDesk,
  saveTheme,
  setDeskActive,
  setThemeActive,
  todayInMechelen,
} from "../../../app/modules/counter/admin.server";
import { availableSlots, bookAppointment, cancelAppointment, scheduleIsDemo } from "../../../app/modules/counter/appointments.server";
import { deskForToday, listDesks, listThemes, takeTicket } from "../../../app/modules/counter/queue.server";
import { getSchedule, saveSchedule } from "../../../app/modules/counter/schedule-admin.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { db } from "../../../app/utils/db.server";
import { seedDemoCounter } from "../../../seeds/counter";
import { ensureResident, ensureStaff } from "../../factories/identity";

let seq = 0;
const staff = async (roles: ("admin" | "frontoffice" | "backoffice")[]) =>
  (await loadCurrentUser((await ensureStaff(db, { email: `staff${seq++}@example.com`, name: `Medewerker ${seq}`, roles })).id))!;
const resident = async () => (await loadCurrentUser((await ensureResident(db, { email: `res${seq++}@example.com`, name: `Bewoner ${seq}` })).id))!;
const audits = async (action: string) => db.select().from(auditLog).where(eq(auditLog.action, action));
const every = (row: Omit<ScheduleRow, "weekday">): ScheduleRow[] => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, ...row }));
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
/** A start time on a given day from today (Brussels), at hh:mm local time. */
async function localTime(daysFromToday: number, hhmm: string) {
  const [row] = await db.execute<{ at: string }>(sql`
    select to_char((((now() at time zone 'Europe/Brussels')::date + ${daysFromToday}::int) + ${hhmm}::time) at time zone 'Europe/Brussels' at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at`);
  return new Date(row.at);
}
const theme = { nameNl: "Ondernemen", nameEn: "Business", nameFr: "Entreprendre", letter: "O", pictogram: "info", sortOrder: 6 };

beforeEach(async () => {
  await db.execute(sql`truncate appointments, appointment_slots, appointment_schedules, tickets, ticket_counters, desk_assignments, outbox cascade`);
  // Themes and desks a test added go too, so each test starts from the demo set-up.
  await db.execute(sql`delete from desk_themes where not is_demo`);
  await db.execute(sql`delete from desks where name not like 'Loket _'`);
  await db.execute(sql`update desk_themes set active = true`);
  await seedDemoCounter(db);
});

describe("counter admin: themes and desks", () => {
  it("refuses everyone but an admin, and changes nothing", async () => {
    for (const actor of [await staff(["frontoffice"]), await staff(["backoffice"]), await resident()]) {
      await expect(listAllThemes(actor)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(saveTheme(actor, theme)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(saveDesk(actor, "Loket 9")).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(saveSchedule(actor, "burgerzaken", [], { confirmed: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getSchedule(actor, "burgerzaken")).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await db.select().from(deskThemes).where(eq(deskThemes.letter, "O"))).toEqual([]);
    expect(await scheduleIsDemo("burgerzaken")).toBe(true);
  });

  it("adds a theme the kiosk shows, renames it in three languages, keeps letters unique and audits each change", async () => {
    const admin = await staff(["admin"]);
    const created = await saveTheme(admin, theme);
    expect(created.slug).toBe("ondernemen");
    expect((await listThemes()).map((t) => t.letter)).toContain("O");
    await saveTheme(admin, { ...theme, nameNl: "Ondernemen en werk", nameFr: "Entreprendre et travail" }, "ondernemen");
    const [row] = await db.select().from(deskThemes).where(eq(deskThemes.slug, "ondernemen"));
    expect(row.name).toEqual({ nl: "Ondernemen en werk", en: "Business", fr: "Entreprendre et travail" });
    // "B" belongs to Burgerzaken: neither a new theme nor a rename may take it.
    await expect(saveTheme(admin, { ...theme, nameNl: "Bouwen", letter: "B" })).rejects.toMatchObject({ messageKey: "counteradmin:errors.letterTaken" });
    await expect(saveTheme(admin, { ...theme, letter: "B" }, "ondernemen")).rejects.toMatchObject({ messageKey: "counteradmin:errors.letterTaken" });
    expect((await audits("counter.theme.created")).map((a) => a.entityId)).toEqual([created.id]);
    expect((await audits("counter.theme.updated"))[0]).toMatchObject({ actorId: admin.id, entityId: created.id });
  });

  it("never removes a theme with tickets today: it can only be deactivated", async () => {
    const admin = await staff(["admin"]);
    await takeTicket({ themeSlug: "vrije-tijd", priority: false, language: "nl" }, "kiosk-admin-test");
    await expect(removeTheme(admin, "vrije-tijd")).rejects.toMatchObject({ messageKey: "counteradmin:errors.themeHasTicketsToday" });
    await setThemeActive(admin, "vrije-tijd", false);
    expect((await listThemes()).map((t) => t.slug)).not.toContain("vrije-tijd");
    expect((await listAllThemes(admin)).find((t) => t.slug === "vrije-tijd")).toMatchObject({ active: false, ticketsToday: 1 });
    // A theme nobody used can go.
    await saveTheme(admin, theme);
    await removeTheme(admin, "ondernemen");
    expect(await db.select().from(deskThemes).where(eq(deskThemes.slug, "ondernemen"))).toEqual([]);
    expect(await audits("counter.theme.deactivated")).toHaveLength(1);
    expect(await audits("counter.theme.removed")).toHaveLength(1);
  });

  it("adds, renames and deactivates desks; names stay unique", async () => {
    const admin = await staff(["admin"]);
    const desk = await saveDesk(admin, "Loket 5");
    await saveDesk(admin, "Loket 5 (onthaal)", desk.id);
    await expect(saveDesk(admin, "Loket 1", desk.id)).rejects.toMatchObject({ messageKey: "counteradmin:errors.deskNameTaken" });
    await setDeskActive(admin, desk.id, false);
    expect((await listDesks()).map((d) => d.name)).not.toContain("Loket 5 (onthaal)");
    expect((await db.select().from(desks).where(eq(desks.id, desk.id)))[0]).toMatchObject({ name: "Loket 5 (onthaal)", active: false });
    expect((await audits("counter.desk.created")).length + (await audits("counter.desk.renamed")).length + (await audits("counter.desk.deactivated")).length).toBe(3);
  });

  it("lets an admin put a front-office agent at a desk for a day, as if the agent took it", async () => {
    const admin = await staff(["admin"]);
    const agent = await staff(["frontoffice"]);
    const other = await staff(["frontoffice"]);
    const backoffice = await staff(["backoffice"]);
    const [desk1, desk2] = await listDesks();
    const themeIds = (await listThemes()).filter((t) => ["burgerzaken", "welzijn"].includes(t.slug)).map((t) => t.id);
    const day = await todayInMechelen();
    await assignDesk(admin, { day, userId: agent.id, deskId: desk1.id, themeIds });
    expect(await deskForToday(agent)).toMatchObject({ deskId: desk1.id, themeIds });
    expect(await assignmentsForDay(admin, day)).toEqual([expect.objectContaining({ deskName: desk1.name, userName: agent.name, themeIds })]);
    // The desk is taken that day; a back-office colleague is no counter agent.
    await expect(assignDesk(admin, { day, userId: other.id, deskId: desk1.id, themeIds })).rejects.toMatchObject({ messageKey: "counteradmin:errors.deskTaken" });
    await expect(assignDesk(admin, { day, userId: backoffice.id, deskId: desk2.id, themeIds })).rejects.toMatchObject({ messageKey: "counteradmin:errors.chooseAgent" });
    // Moving the agent to another desk frees the first one.
    await assignDesk(admin, { day, userId: agent.id, deskId: desk2.id, themeIds: themeIds.slice(0, 1) });
    expect(await deskForToday(agent)).toMatchObject({ deskId: desk2.id });
    await clearAssignment(admin, { day, deskId: desk2.id });
    expect(await deskForToday(agent)).toBeUndefined();
    expect(await audits("counter.desk.assigned")).toHaveLength(2);
    expect((await audits("counter.desk.unassigned"))[0]).toMatchObject({ subjectUserId: agent.id });
    await expect(assignDesk(agent, { day, userId: agent.id, deskId: desk1.id, themeIds })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("counter admin: appointment schedules", () => {
  it("validates each row: HH:MM, start before end, slots that fit, capacity 1-50, no overlap on a weekday", () => {
    const rows = (list: Record<string, string>[]) =>
      form({ rowCount: String(list.length), ...Object.fromEntries(list.flatMap((r, i) => Object.entries(r).map(([k, v]) => [`${k}-${i}`, v]))) });
    const ok = { weekday: "1", start: "09:00", end: "12:00", slotMinutes: "15", capacity: "2" };
    expect(parseScheduleForm(rows([ok, { weekday: "2", start: "", end: "", slotMinutes: "", capacity: "" }]))).toEqual({
      ok: true,
      rows: [{ weekday: 1, start: "09:00", end: "12:00", slotMinutes: 15, capacity: 2 }],
    });
    const bad = parseScheduleForm(
      rows([
        { ...ok, start: "9u" },
        { ...ok, end: "08:00" },
        { ...ok, weekday: "3", slotMinutes: "25" },
        { ...ok, weekday: "4", capacity: "51" },
        { ...ok, weekday: "5", slotMinutes: "3", end: "09:03" },
        { ...ok, weekday: "6" },
        { ...ok, weekday: "6", start: "11:00", end: "13:00" },
      ]),
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual({
      "start-0": "counteradmin:errors.timeFormat",
      "end-1": "counteradmin:errors.endBeforeStart",
      "slotMinutes-2": "counteradmin:errors.slotDoesNotFit",
      "capacity-3": "counteradmin:errors.capacity",
      "slotMinutes-4": "counteradmin:errors.slotMinutes",
      "start-6": "counteradmin:errors.overlap",
    });
    // A row ticked "remove" is dropped, even when it is invalid.
    expect(parseScheduleForm(form({ rowCount: "1", "weekday-0": "1", "start-0": "x", "end-0": "", "slotMinutes-0": "", "capacity-0": "", "remove-0": "on" }))).toEqual({
      ok: true,
      rows: [],
    });
  });

  it("replaces the demo schedule: the booking page stops calling it a demo and offers the new slots", async () => {
    const admin = await staff(["admin"]);
    expect(await scheduleIsDemo("wonen-energie")).toBe(true);
    const result = await saveSchedule(admin, "wonen-energie", every({ start: "13:00", end: "14:00", slotMinutes: 30, capacity: 3 }), { confirmed: false });
    expect(result).toEqual({ saved: true, keptOutside: 0 });
    expect(await scheduleIsDemo("wonen-energie")).toBe(false);
    expect(await scheduleIsDemo("burgerzaken")).toBe(true);
    const midnight = await localTime(1, "00:00");
    const tomorrow = (await availableSlots("wonen-energie", 2)).filter((s) => new Date(s.startsAt) > midnight);
    expect(tomorrow.map((s) => s.startsAt)).toEqual([
      (await localTime(1, "13:00")).toISOString().replace(".000", ""),
      (await localTime(1, "13:30")).toISOString().replace(".000", ""),
    ]);
    expect(tomorrow.every((s) => s.free === 3)).toBe(true);
    expect((await getSchedule(admin, "wonen-energie")).isDemo).toBe(false);
    const [audit] = await audits("counter.schedule.saved");
    expect(audit).toMatchObject({ actorId: admin.id, entityType: "desk_theme" });
    expect((audit.details as { rows: unknown[] }).rows).toHaveLength(7);
  });

  it("keeps booked appointments when a change drops their slot, after the admin confirms the listed bookings", async () => {
    const admin = await staff(["admin"]);
    await saveSchedule(admin, "burgerzaken", every({ start: "09:00", end: "12:00", slotMinutes: 15, capacity: 2 }), { confirmed: false });
    const p = await resident();
    const at = await localTime(2, "11:00");
    const booked = await bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: at });

    const mornings = every({ start: "09:00", end: "10:00", slotMinutes: 15, capacity: 2 });
    const warned = await saveSchedule(admin, "burgerzaken", mornings, { confirmed: false });
    expect(warned).toEqual({ saved: false, affected: [{ reference: booked.reference, startsAt: at, residentName: p.name }] });
    // Nothing changed yet.
    expect((await getSchedule(admin, "burgerzaken")).rows[0]).toMatchObject({ end: "12:00" });

    expect(await saveSchedule(admin, "burgerzaken", mornings, { confirmed: true })).toEqual({ saved: true, keptOutside: 1 });
    expect((await getSchedule(admin, "burgerzaken")).rows[0]).toMatchObject({ end: "10:00" });
    const [still] = await db.select().from(appointments).where(eq(appointments.id, booked.id));
    expect(still.status).toBe("booked");
    const [slot] = await db
      .select()
      .from(appointmentSlots)
      .where(and(eq(appointmentSlots.startsAt, at)));
    expect(slot.booked).toBe(1);
    // The kept appointment still works: the resident can cancel it, which frees its place.
    await cancelAppointment(p, booked.id);
    expect((await db.select().from(appointmentSlots).where(eq(appointmentSlots.startsAt, at)))[0].booked).toBe(0);
    expect((await audits("counter.schedule.saved")).at(-1)?.details).toMatchObject({ bookingsOutsideSchedule: [booked.reference] });
  });

  it("applies a lower capacity to slots that already have bookings", async () => {
    const admin = await staff(["admin"]);
    await saveSchedule(admin, "burgerzaken", every({ start: "09:00", end: "12:00", slotMinutes: 15, capacity: 2 }), { confirmed: false });
    const [a, b] = [await resident(), await resident()];
    const at = await localTime(3, "09:15");
    await bookAppointment(a, { residentId: a.id, themeSlug: "burgerzaken", startsAt: at });
    await saveSchedule(admin, "burgerzaken", every({ start: "09:00", end: "12:00", slotMinutes: 15, capacity: 1 }), { confirmed: false });
    await expect(bookAppointment(b, { residentId: b.id, themeSlug: "burgerzaken", startsAt: at })).rejects.toMatchObject({ messageKey: "counter:errors.slotFull" });
    expect((await availableSlots("burgerzaken", 4)).map((s) => s.startsAt)).not.toContain(at.toISOString().replace(".000", ""));
  });

  it("lets an admin clear a theme's schedule: no slots, nothing called a demo", async () => {
    const admin = await staff(["admin"]);
    await saveSchedule(admin, "welzijn", [], { confirmed: false });
    expect(
      await db
        .select()
        .from(appointmentSchedules)
        .where(eq(appointmentSchedules.themeId, (await listThemes()).find((t) => t.slug === "welzijn")!.id)),
    ).toEqual([]);
    expect(await availableSlots("welzijn")).toEqual([]);
    expect(await scheduleIsDemo("welzijn")).toBe(false);
  });
});
