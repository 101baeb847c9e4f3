import { desc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, appointmentSchedules, appointments, deskThemes, outbox, tickets } from "../../../db/schema";
import { availableSlots, bookAppointment, cancelAppointment, checkIn, getAppointment, sendAppointmentReminders } from "../../../app/modules/counter/appointments.server";
import { actOnTicket, callNext, listDesks, takeDesk } from "../../../app/modules/counter/queue.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { db } from "../../../app/utils/db.server";
import { seedDemoCounter } from "../../../seeds/counter";
import { ensureResident, ensureStaff } from "../../factories/identity";

let seq = 0;
const resident = async () => (await loadCurrentUser((await ensureResident(db, { email: `res${seq++}@example.com`, name: `Bewoner ${seq}` })).id))!;
/** A start time on a given day from today (Brussels), at hh:mm local time. */
async function localTime(daysFromToday: number, hhmm: string) {
  const [row] = await db.execute<{ at: string }>(sql`
    select to_char((((now() at time zone 'Europe/Brussels')::date + ${daysFromToday}::int) + ${hhmm}::time) at time zone 'Europe/Brussels' at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at`);
  return new Date(row.at);
}

beforeEach(async () => {
  await db.execute(sql`truncate appointments, appointment_slots, appointment_schedules, tickets, ticket_counters, desk_assignments, outbox cascade`);
  await seedDemoCounter(db);
  // Every day of the week, all day, so tests do not depend on today's weekday.
  const [theme] = await db.select().from(deskThemes).where(eq(deskThemes.slug, "burgerzaken"));
  await db.delete(appointmentSchedules);
  for (let weekday = 1; weekday <= 7; weekday++) {
    await db.insert(appointmentSchedules).values({ themeId: theme.id, weekday, startTime: "00:00", endTime: "23:45", slotMinutes: 15, capacity: 2 });
  }
});

describe("appointments", () => {
  it("never overbooks a slot, even when many book at the same moment", async () => {
    const at = await localTime(1, "10:00");
    const people = await Promise.all(Array.from({ length: 6 }, resident));
    const results = await Promise.allSettled(people.map((p) => bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: at })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason.messageKey === "counter:errors.slotFull")).toBe(true);
    const slots = await availableSlots("burgerzaken", 2);
    expect(slots.find((s) => s.startsAt === at.toISOString().replace(".000", ""))).toBeUndefined();
  });

  it("only books real slots in the future", async () => {
    const p = await resident();
    await expect(bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: await localTime(1, "10:07") })).rejects.toMatchObject({
      messageKey: "counter:errors.chooseSlot",
    });
    await expect(bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: await localTime(-1, "10:00") })).rejects.toMatchObject({
      messageKey: "counter:errors.chooseSlot",
    });
    await expect(bookAppointment(p, { residentId: p.id, themeSlug: "vrije-tijd", startsAt: await localTime(1, "10:00") })).rejects.toMatchObject({
      messageKey: "counter:errors.chooseSlot",
    });
  });

  it("confirms by e-mail with a check-in QR code and a calendar file, in the resident's language", async () => {
    const p = await resident();
    await db.execute(sql`update users set preferred_language = 'fr' where id = ${p.id}`);
    const appointment = await bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: await localTime(2, "09:30") });
    const [mail] = await db.select().from(outbox).where(eq(outbox.template, "appointment-confirmed"));
    expect(mail.language).toBe("fr");
    expect(mail.text).toContain(appointment.reference);
    expect(mail.html).toContain('src="cid:checkin-qr"');
    expect(mail.attachments.map((a) => a.contentType).sort()).toEqual(["image/png", "text/calendar; charset=utf-8; method=REQUEST"]);
    const ics = Buffer.from(mail.attachments.find((a) => a.contentType.startsWith("text/calendar"))!.contentBase64, "base64").toString();
    expect(ics).toContain("BEGIN:VEVENT");
    expect(ics).toContain(appointment.startsAt.toISOString().replace(/[-:]/g, "").slice(0, 13));
  });

  it("lets the resident cancel and reschedule, freeing the place", async () => {
    const a = await resident();
    const b = await resident();
    const c = await resident();
    const at = await localTime(3, "11:00");
    const first = await bookAppointment(a, { residentId: a.id, themeSlug: "burgerzaken", startsAt: at });
    await bookAppointment(b, { residentId: b.id, themeSlug: "burgerzaken", startsAt: at });
    await expect(bookAppointment(c, { residentId: c.id, themeSlug: "burgerzaken", startsAt: at })).rejects.toMatchObject({ messageKey: "counter:errors.slotFull" });
    const moved = await bookAppointment(a, { residentId: a.id, themeSlug: "burgerzaken", startsAt: await localTime(3, "11:15"), replaces: first.id });
    expect((await getAppointment(a, first.id)).status).toBe("cancelled");
    await expect(bookAppointment(c, { residentId: c.id, themeSlug: "burgerzaken", startsAt: at })).resolves.toHaveProperty("reference");
    await cancelAppointment(a, moved.id);
    await expect(cancelAppointment(a, moved.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(getAppointment(b, moved.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets front-office staff book for a resident by phone, with an audit row", async () => {
    const p = await resident();
    const agent = (await loadCurrentUser((await ensureStaff(db, { email: "fo-book@example.com", roles: ["frontoffice"] })).id))!;
    const booked = await bookAppointment(agent, { residentId: p.id, themeSlug: "burgerzaken", startsAt: await localTime(1, "09:00"), channel: "phone" });
    expect(booked.channel).toBe("phone");
    expect(booked.createdBy).toBe(agent.id);
    const trail = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, p.id));
    expect(trail.map((a) => [a.action, a.actorId])).toEqual([["appointment.booked", agent.id]]);
    const other = await resident();
    await expect(bookAppointment(other, { residentId: p.id, themeSlug: "burgerzaken", startsAt: await localTime(1, "09:15") })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("checks in at the kiosk with the reference and is called before walk-ins once due", async () => {
    const p = await resident();
    // Booked for tomorrow (always a free slot), then moved to this very minute: the check-in finds
    // it as today's appointment at any time of day, also just before midnight in Brussels.
    const appointment = await bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: await localTime(1, "09:00") });
    await db.execute(sql`update appointments set starts_at = date_trunc('minute', now()) where id = ${appointment.id}`);
    await db.execute(
      sql`insert into tickets (day, theme_id, number, created_at) select (now() at time zone 'Europe/Brussels')::date, id, 'B-900', now() - interval '1 hour' from desk_themes where slug = 'burgerzaken'`,
    );
    const ticketId = await checkIn(appointment.reference.toLowerCase(), "kiosk-1");
    expect(await checkIn(appointment.reference, "kiosk-1")).toBe(ticketId);
    await expect(checkIn("AF-ZZZZZZ", "kiosk-1")).rejects.toMatchObject({ messageKey: "counter:errors.appointmentNotFound" });
    const agent = (await loadCurrentUser((await ensureStaff(db, { email: "fo-desk@example.com", roles: ["frontoffice"] })).id))!;
    const [burgerzaken] = await db.select().from(deskThemes).where(eq(deskThemes.slug, "burgerzaken"));
    await takeDesk(agent, (await listDesks())[0].id, [burgerzaken.id]);
    // Not yet due (in half an hour): the walk-in who came first goes first.
    await db.execute(sql`update tickets set appointment_at = now() + interval '30 minutes' where id = ${ticketId}`);
    const walkIn = await callNext(agent);
    expect(walkIn?.number).toBe("B-900");
    await actOnTicket(agent, walkIn!.id, "finish");
    // Due now: the appointment goes before a walk-in who has waited longer.
    await db.execute(
      sql`insert into tickets (day, theme_id, number, created_at) select (now() at time zone 'Europe/Brussels')::date, id, 'B-901', now() - interval '2 hours' from desk_themes where slug = 'burgerzaken'`,
    );
    await db.execute(sql`update tickets set appointment_at = now() - interval '1 minute' where id = ${ticketId}`);
    const called = await callNext(agent);
    expect(called?.id).toBe(ticketId);
    const [ticket] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
    expect(ticket.residentId).toBe(p.id);
  });

  it("sends one reminder the day before", async () => {
    const p = await resident();
    const tomorrow = await bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: await localTime(1, "14:00") });
    await bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: await localTime(5, "14:00") });
    expect(await sendAppointmentReminders()).toBe(1);
    expect(await sendAppointmentReminders()).toBe(0);
    const [mail] = await db.select().from(outbox).where(eq(outbox.template, "appointment-reminder")).orderBy(desc(outbox.createdAt));
    expect(mail.text).toContain(tomorrow.reference);
    const [row] = await db.select().from(appointments).where(eq(appointments.id, tomorrow.id));
    expect(row.reminderSentAt).not.toBeNull();
  });
});
