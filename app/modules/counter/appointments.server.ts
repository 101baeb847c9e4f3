import { intlLocale } from "../../utils/brussels-format";
import { randomInt } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import QRCode from "qrcode";
import { appointments, deskThemes, tickets, type LocalizedText } from "../../../db/schema";
import { findPerson, peopleView } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { enqueueMail } from "~/modules/notify/outbox.server";
import { calendarAttachment } from "~/modules/platform/calendar.server";
import { DomainError } from "~/modules/platform/errors";
import { hitRateLimit } from "~/modules/platform/rate-limit.server";
import { db, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { fixedT } from "~/utils/i18next.server";
import { can } from "~/modules/identity/permissions";

/** Read through identity's read-only join helper (decision 017). */
const residentPerson = peopleView("resident");
const TODAY = sql`(now() at time zone 'Europe/Brussels')::date`;
export const BOOKING_DAYS = 14;

export type Slot = { startsAt: string; free: number };

/** Free slots for a theme in the coming days, from the admin's schedule minus bookings. */
export async function availableSlots(themeSlug: string, days = BOOKING_DAYS): Promise<Slot[]> {
  const rows = await db.execute<{ starts_at: string; free: number }>(sql`
    select to_char(gs at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts_at, (s.capacity - coalesce(a.booked, 0))::int as free
    from appointment_schedules s
    join desk_themes t on t.id = s.theme_id and t.slug = ${themeSlug} and t.active
    cross join generate_series(${TODAY}, ${TODAY} + ${days - 1}::int, interval '1 day') d
    cross join lateral generate_series(
      ((d::date + s.start_time::time) at time zone 'Europe/Brussels'),
      ((d::date + s.end_time::time) at time zone 'Europe/Brussels') - make_interval(mins => s.slot_minutes),
      make_interval(mins => s.slot_minutes)) gs
    left join appointment_slots a on a.theme_id = s.theme_id and a.starts_at = gs
    where extract(isodow from d) = s.weekday and gs > now()
    order by gs`);
  return rows.filter((r) => r.free > 0).map((r) => ({ startsAt: r.starts_at, free: r.free }));
}

/** True when the theme's schedule is the seeded demo, so pages can say so. */
export async function scheduleIsDemo(themeSlug: string) {
  const [row] = await db.execute<{ demo: boolean }>(sql`
    select coalesce(bool_or(s.is_demo), false) as demo from appointment_schedules s join desk_themes t on t.id = s.theme_id where t.slug = ${themeSlug}`);
  return Boolean(row?.demo);
}

/** The schedule entry a start time belongs to, if it is a real slot in the future. */
async function slotRule(tx: Tx, themeId: string, startsAt: Date) {
  const [row] = await tx.execute<{ capacity: number; slot_minutes: number }>(sql`
    select s.capacity, s.slot_minutes from appointment_schedules s
    where s.theme_id = ${themeId}
      and extract(isodow from (${startsAt.toISOString()}::timestamptz at time zone 'Europe/Brussels')) = s.weekday
      and (${startsAt.toISOString()}::timestamptz at time zone 'Europe/Brussels')::time >= s.start_time::time
      and (${startsAt.toISOString()}::timestamptz at time zone 'Europe/Brussels')::time + make_interval(mins => s.slot_minutes) <= s.end_time::time
      and extract(epoch from ((${startsAt.toISOString()}::timestamptz at time zone 'Europe/Brussels')::time - s.start_time::time))::int % (s.slot_minutes * 60) = 0
      and ${startsAt.toISOString()}::timestamptz > now()
    limit 1`);
  return row;
}

/** Takes one place in a slot; fails when it is full. One conditional upsert: no overbooking. */
async function claimPlace(tx: Tx, themeId: string, startsAt: Date, capacity: number) {
  const rows = await tx.execute(sql`
    insert into appointment_slots (theme_id, starts_at, capacity, booked) values (${themeId}, ${startsAt.toISOString()}, ${capacity}, 1)
    on conflict (theme_id, starts_at) do update set booked = appointment_slots.booked + 1, capacity = excluded.capacity
      -- The schedule's capacity now counts, so an admin lowering it takes effect for slots already in use.
      where appointment_slots.booked < excluded.capacity
    returning booked`);
  if (!rows.length) throw new DomainError("CONFLICT", "counter:errors.slotFull");
}

async function releasePlace(tx: Tx, themeId: string, startsAt: Date) {
  await tx.execute(sql`update appointment_slots set booked = greatest(booked - 1, 0) where theme_id = ${themeId} and starts_at = ${startsAt.toISOString()}`);
}

const REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const newReference = () => `AF-${Array.from({ length: 6 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join("")}`;

function canActFor(actor: CurrentUser, residentId: string) {
  return actor.id === residentId || can(actor, "counter.desk");
}

/** The calendar UID of an appointment; older rows without one keep the UID their first mail had. */
export const appointmentCalendarUid = (a: { id: string; calendarUid: string | null }) => a.calendarUid ?? `${a.id}@digitaal-huis-mechelen`;

async function appointmentMail(
  tx: Tx,
  kind: "confirmed" | "cancelled" | "reminder",
  appointment: { id: string; reference: string; startsAt: Date; endsAt: Date; calendarUid: string | null; calendarSequence: number },
  theme: { name: LocalizedText },
  resident: { email: string | null; name: string; preferredLanguage: string },
) {
  if (!resident.email) return;
  const lng = resident.preferredLanguage as keyof LocalizedText;
  const t = fixedT(lng, "counter");
  const when = new Intl.DateTimeFormat(lng === "nl" ? "nl-BE" : lng === "fr" ? "fr-BE" : intlLocale(lng), {
    hourCycle: "h23",
    dateStyle: "full",
    timeStyle: "short",
    timeZone: "Europe/Brussels",
  }).format(appointment.startsAt);
  const url = `${env().PUBLIC_URL}/mijn/afspraken/${appointment.id}`;
  const vars = { name: resident.name, when, theme: theme.name[lng] ?? theme.name.nl, reference: appointment.reference, url };
  const attachments = [];
  let html: string | undefined;
  // The calendar event: same UID for the whole life of the appointment (also when moved), a higher SEQUENCE on every change.
  const event = {
    uid: appointmentCalendarUid(appointment),
    sequence: appointment.calendarSequence,
    start: appointment.startsAt,
    end: appointment.endsAt,
    title: t("mail.icsTitle", { theme: vars.theme }),
    description: t("mail.icsDescription", { reference: appointment.reference }),
    location: "Huis van de Mechelaar",
    url,
    attendee: { name: resident.name, email: resident.email },
  };
  if (kind === "cancelled") attachments.push(calendarAttachment("afspraak.ics", "CANCEL", [event]));
  if (kind !== "cancelled") {
    const png = await QRCode.toBuffer(appointment.reference, { errorCorrectionLevel: "M", margin: 2, scale: 8 });
    attachments.push({ filename: "afspraak-qr.png", contentType: "image/png", contentBase64: png.toString("base64"), cid: "checkin-qr" });
    attachments.push(calendarAttachment("afspraak.ics", "REQUEST", [event]));
    const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
    html = `<p>${escape(t(`mail.${kind}.body`, vars)).replace(/\n/g, "<br>")}</p><p><img src="cid:checkin-qr" width="200" height="200" alt="${escape(t("mail.qrAlt", { reference: appointment.reference }))}"></p>`;
  }
  await enqueueMail(
    { to: resident.email, subject: t(`mail.${kind}.subject`, vars), text: t(`mail.${kind}.body`, vars), html, template: `appointment-${kind}`, language: lng, attachments },
    tx,
  );
}

/**
 * Books an appointment for a resident, online or by an agent (channel counter/phone).
 * The confirmation mail with the check-in QR code and an .ics file goes out in the same transaction.
 */
export async function bookAppointment(
  actor: CurrentUser,
  input: { residentId: string; themeSlug: string; startsAt: Date; channel?: "web" | "counter" | "phone"; replaces?: string },
) {
  if (!canActFor(actor, input.residentId)) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
  return db.transaction(async (tx) => {
    const [theme] = await tx
      .select()
      .from(deskThemes)
      .where(and(eq(deskThemes.slug, input.themeSlug), eq(deskThemes.active, true)));
    if (!theme) throw new DomainError("VALIDATION", "counter:errors.chooseTheme");
    const rule = await slotRule(tx, theme.id, input.startsAt);
    if (!rule) throw new DomainError("VALIDATION", "counter:errors.chooseSlot");
    await claimPlace(tx, theme.id, input.startsAt, rule.capacity);
    const resident = await findPerson(input.residentId, tx);
    if (!resident) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");

    let calendar: { calendarUid: string; calendarSequence: number } | undefined;
    if (input.replaces) {
      const [old] = await tx
        .update(appointments)
        .set({ status: "cancelled" })
        .where(and(eq(appointments.id, input.replaces), eq(appointments.residentId, input.residentId), eq(appointments.status, "booked")))
        .returning();
      if (!old) throw new DomainError("INVALID_STATE", "counter:errors.cannotChange");
      await releasePlace(tx, old.themeId, old.startsAt);
      // A move: the resident's calendar updates the same event (same UID, higher SEQUENCE).
      calendar = { calendarUid: appointmentCalendarUid(old), calendarSequence: old.calendarSequence + 1 };
    }
    const endsAt = new Date(input.startsAt.getTime() + rule.slot_minutes * 60_000);
    const [appointment] = await tx
      .insert(appointments)
      .values({
        reference: newReference(),
        themeId: theme.id,
        residentId: resident.id,
        startsAt: input.startsAt,
        endsAt,
        channel: input.channel ?? (actor.id === resident.id ? "web" : "counter"),
        createdBy: actor.id,
        ...calendar,
      })
      .returning();
    if (actor.id !== resident.id) {
      await recordAudit({ actorId: actor.id, action: "appointment.booked", subjectUserId: resident.id, entityType: "appointment", entityId: appointment.id }, tx);
    }
    await appointmentMail(tx, "confirmed", appointment, theme, resident);
    return appointment;
  });
}

export async function cancelAppointment(actor: CurrentUser, appointmentId: string) {
  await db.transaction(async (tx) => {
    const [found] = await tx.select().from(appointments).where(eq(appointments.id, appointmentId));
    if (!found || !canActFor(actor, found.residentId)) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    const [cancelled] = await tx
      .update(appointments)
      .set({ status: "cancelled", calendarSequence: sql`${appointments.calendarSequence} + 1` })
      .where(and(eq(appointments.id, appointmentId), eq(appointments.status, "booked")))
      .returning();
    if (!cancelled) throw new DomainError("INVALID_STATE", "counter:errors.cannotChange");
    await releasePlace(tx, cancelled.themeId, cancelled.startsAt);
    const [theme] = await tx.select().from(deskThemes).where(eq(deskThemes.id, cancelled.themeId));
    const resident = (await findPerson(cancelled.residentId, tx))!;
    await appointmentMail(tx, "cancelled", cancelled, theme, resident);
  });
}

/** One appointment, only for its resident (or front-office staff). */
export async function getAppointment(actor: CurrentUser, id: string) {
  const [row] = await db
    .select({ appointment: appointments, themeName: deskThemes.name, themeSlug: deskThemes.slug })
    .from(appointments)
    .innerJoin(deskThemes, eq(deskThemes.id, appointments.themeId))
    .where(eq(appointments.id, id));
  if (!row || !canActFor(actor, row.appointment.residentId)) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  return { ...row.appointment, themeName: row.themeName, themeSlug: row.themeSlug };
}

export async function listAppointmentsFor(residentId: string) {
  return db
    .select({ id: appointments.id, reference: appointments.reference, startsAt: appointments.startsAt, status: appointments.status, themeName: deskThemes.name })
    .from(appointments)
    .innerJoin(deskThemes, eq(deskThemes.id, appointments.themeId))
    .where(eq(appointments.residentId, residentId))
    .orderBy(desc(appointments.startsAt));
}

/**
 * Check-in at the entrance kiosk with the QR code or the typed reference: today's booked
 * appointment becomes a ticket that is called first once its time has come.
 */
export async function checkIn(reference: string, clientKey: string) {
  const limit = await hitRateLimit({ name: "kiosk-checkin", limit: 30, windowSeconds: 60 }, clientKey);
  if (!limit.allowed) throw new DomainError("RATE_LIMITED", "counter:errors.tooManyTickets", { retryAfterSeconds: limit.retryAfterSeconds });
  const code = reference.trim().toUpperCase().replace(/^AF-?/, "AF-");
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ appointment: appointments, theme: deskThemes, language: residentPerson.preferredLanguage })
      .from(appointments)
      .innerJoin(deskThemes, eq(deskThemes.id, appointments.themeId))
      .innerJoin(residentPerson, eq(residentPerson.id, appointments.residentId))
      .where(and(eq(appointments.reference, code), sql`(${appointments.startsAt} at time zone 'Europe/Brussels')::date = ${TODAY}`))
      .for("update");
    if (!found) throw new DomainError("VALIDATION", "counter:errors.appointmentNotFound");
    if (found.appointment.status === "checked_in" && found.appointment.ticketId) return found.appointment.ticketId;
    if (found.appointment.status !== "booked") throw new DomainError("VALIDATION", "counter:errors.appointmentNotFound");
    const [counter] = await tx.execute<{ last: number; day: string }>(sql`
      insert into ticket_counters (theme_id, day, last) values (${found.theme.id}, ${TODAY}, 1)
      on conflict (theme_id, day) do update set last = ticket_counters.last + 1
      returning last, day::text`);
    const [ticket] = await tx
      .insert(tickets)
      .values({
        day: counter.day,
        themeId: found.theme.id,
        number: `${found.theme.letter}-${String(counter.last).padStart(3, "0")}`,
        residentId: found.appointment.residentId,
        appointmentAt: found.appointment.startsAt,
        language: found.language,
        history: [{ at: new Date().toISOString(), event: "checked-in", detail: found.appointment.reference }],
      })
      .returning();
    await tx.update(appointments).set({ status: "checked_in", ticketId: ticket.id }).where(eq(appointments.id, found.appointment.id));
    return ticket.id;
  });
}

/** The worker's daily job: a reminder the day before, sent once per appointment. */
export async function sendAppointmentReminders() {
  return db.transaction(async (tx) => {
    const due = await tx
      .update(appointments)
      .set({ reminderSentAt: new Date() })
      .where(
        and(eq(appointments.status, "booked"), sql`${appointments.reminderSentAt} is null`, sql`(${appointments.startsAt} at time zone 'Europe/Brussels')::date = ${TODAY} + 1`),
      )
      .returning();
    for (const appointment of due) {
      const [theme] = await tx.select().from(deskThemes).where(eq(deskThemes.id, appointment.themeId));
      const resident = (await findPerson(appointment.residentId, tx))!;
      await appointmentMail(tx, "reminder", appointment, theme, resident);
    }
    return due.length;
  });
}
