import { and, asc, eq, sql } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeEach, describe, expect, it } from "vitest";
import { appointmentSchedules, deskThemes, outbox } from "../../../db/schema";
import { createInvitation, rescheduleInvitation, revokeInvitation } from "../../../app/modules/access/invitations.server";
import { bookAppointment, cancelAppointment } from "../../../app/modules/counter/appointments.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { db } from "../../../app/utils/db.server";
import { seedDemoCounter } from "../../../seeds/counter";
import { buildingBySlug } from "../../factories/access";
import { ensureResident, ensureStaff } from "../../factories/identity";

type Mail = typeof outbox.$inferSelect;

/** The .ics attached to a mail, parsed with ical.js as a calendar program reads it. */
function calendarOf(mail: Mail) {
  const file = mail.attachments.find((a) => a.filename.endsWith(".ics"));
  expect(file, `${mail.template} has a calendar file`).toBeTruthy();
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(file!.contentBase64, "base64").toString("utf8")));
  const events = calendar.getAllSubcomponents("vevent").map((v) => ({
    uid: String(v.getFirstPropertyValue("uid")),
    sequence: Number(v.getFirstPropertyValue("sequence")),
    status: String(v.getFirstPropertyValue("status")),
    start: (v.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate(),
    organizer: String(v.getFirstPropertyValue("organizer")),
  }));
  return { contentType: file!.contentType, method: String(calendar.getFirstPropertyValue("method")), prodid: String(calendar.getFirstPropertyValue("prodid")), events };
}

const mailsTo = (to: string) => db.select().from(outbox).where(eq(outbox.toAddress, to)).orderBy(asc(outbox.createdAt), asc(outbox.id));

async function localTime(daysFromToday: number, hhmm: string) {
  const [row] = await db.execute<{ at: string }>(sql`
    select to_char((((now() at time zone 'Europe/Brussels')::date + ${daysFromToday}::int) + ${hhmm}::time) at time zone 'Europe/Brussels' at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at`);
  return new Date(row.at);
}

beforeEach(async () => {
  await db.execute(sql`truncate appointments, appointment_slots, appointment_schedules, tickets, ticket_counters, desk_assignments, outbox cascade`);
  await seedDemoCounter(db);
  const [theme] = await db.select().from(deskThemes).where(eq(deskThemes.slug, "burgerzaken"));
  await db.delete(appointmentSchedules);
  for (let weekday = 1; weekday <= 7; weekday++) {
    await db.insert(appointmentSchedules).values({ themeId: theme.id, weekday, startTime: "00:00", endTime: "23:45", slotMinutes: 15, capacity: 2 });
  }
});

describe("calendar files", () => {
  it("moves and cancels an appointment in the resident's calendar: same UID, higher SEQUENCE, METHOD:CANCEL", async () => {
    const p = (await loadCurrentUser((await ensureResident(db, { email: "agenda@example.com", name: "Agenda Bewoner" })).id))!;
    const first = await bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: await localTime(2, "10:00") });
    const moved = await bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: await localTime(3, "14:00"), replaces: first.id });
    await cancelAppointment(p, moved.id);

    const [booked, move, cancel] = (await mailsTo("agenda@example.com")).map(calendarOf);
    expect(booked).toMatchObject({
      method: "REQUEST",
      contentType: "text/calendar; charset=utf-8; method=REQUEST",
      prodid: "-//Stad Mechelen//Digitaal Huis van de Mechelaar//NL",
    });
    expect(booked.events).toHaveLength(1);
    expect(booked.events[0].start.getTime()).toBe(first.startsAt.getTime());
    expect(booked.events[0].organizer).toMatch(/^mailto:/i);

    expect(move.method).toBe("REQUEST");
    expect(move.events[0].uid).toBe(booked.events[0].uid);
    expect(move.events[0].sequence).toBeGreaterThan(booked.events[0].sequence);
    expect(move.events[0].start.getTime()).toBe(moved.startsAt.getTime());

    expect(cancel).toMatchObject({ method: "CANCEL", contentType: "text/calendar; charset=utf-8; method=CANCEL", prodid: booked.prodid });
    expect(cancel.events[0]).toMatchObject({ uid: booked.events[0].uid, status: "CANCELLED" });
    expect(cancel.events[0].sequence).toBeGreaterThan(move.events[0].sequence);
  });

  it("moves and cancels a building invitation in the visitor's calendar", async () => {
    const host = (await loadCurrentUser((await ensureStaff(db, { name: "Agenda Host", email: "agenda.host@example.com", roles: ["host"] })).id))!;
    const building = await buildingBySlug(db, "huis-van-de-mechelaar");
    const day = new Date(Date.now() + 5 * 86400_000).toISOString().slice(0, 10);
    const id = await createInvitation(host, {
      visitors: [{ name: "Vera Bezoeker", email: "vera@example.com", organisation: "", language: "nl" }],
      buildingId: building.id,
      purpose: "Overleg",
      entries: "single",
      repeatWeeks: 1,
      date: day,
      from: "09:00",
      until: "10:00",
    });
    await rescheduleInvitation(host, id, { date: day, from: "13:00", until: "14:00" });
    await revokeInvitation(host, id);

    const mails = await mailsTo("vera@example.com");
    expect(mails.map((m) => m.template)).toEqual(["access.invitation", "access.changed", "access.revoked"]);
    const [invited, changed, revoked] = mails.map(calendarOf);
    expect(invited).toMatchObject({
      method: "REQUEST",
      contentType: "text/calendar; charset=utf-8; method=REQUEST",
      prodid: "-//Stad Mechelen//Digitaal Huis van de Mechelaar//NL",
    });
    expect(changed.events[0].uid).toBe(invited.events[0].uid);
    expect(changed.events[0].sequence).toBeGreaterThan(invited.events[0].sequence);
    expect(changed.events[0].start.getTime()).toBeGreaterThan(invited.events[0].start.getTime());
    expect(revoked).toMatchObject({ method: "CANCEL", contentType: "text/calendar; charset=utf-8; method=CANCEL" });
    expect(revoked.events).toHaveLength(1);
    expect(revoked.events[0]).toMatchObject({ uid: invited.events[0].uid, status: "CANCELLED" });
    expect(revoked.events[0].sequence).toBeGreaterThan(changed.events[0].sequence);
    expect(
      await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.toAddress, "vera@example.com"), eq(outbox.template, "access.revoked"))),
    ).toHaveLength(1);
  });
});
