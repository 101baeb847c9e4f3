import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

export type LocalizedText = { nl: string; en: string; fr: string };

/** Themaloketten: the themes a visitor chooses at the entrance. Data, so the city can add more. */
export const deskThemes = pgTable("desk_themes", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  /** The letter before ticket numbers, e.g. "W" in W-012. */
  letter: text("letter").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  /** Which pictogram the kiosk shows (see app/components/Pictogram.tsx). */
  pictogram: text("pictogram").notNull().default("info"),
  sortOrder: integer("sort_order").notNull().default(0),
  active: boolean("active").notNull().default(true),
  isDemo: boolean("is_demo").notNull().default(false),
});

export const desks = pgTable("desks", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  active: boolean("active").notNull().default(true),
});

/** Which agent sits at which desk on which day, serving which themes. */
export const deskAssignments = pgTable(
  "desk_assignments",
  {
    deskId: uuid("desk_id")
      .notNull()
      .references(() => desks.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    themeIds: uuid("theme_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
  },
  (t) => [primaryKey({ columns: [t.deskId, t.day] }), index("desk_assignments_user_idx").on(t.userId, t.day)],
);

/** Per theme and day, the last ticket number handed out (one atomic upsert per ticket). */
export const ticketCounters = pgTable(
  "ticket_counters",
  {
    themeId: uuid("theme_id")
      .notNull()
      .references(() => deskThemes.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    last: smallint("last").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.themeId, t.day] })],
);

export const TICKET_STATUSES = ["waiting", "called", "serving", "done", "no_show"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    day: date("day").notNull(),
    themeId: uuid("theme_id")
      .notNull()
      .references(() => deskThemes.id),
    number: text("number").notNull(),
    priority: boolean("priority").notNull().default(false),
    status: text("status").$type<TicketStatus>().notNull().default("waiting"),
    deskId: uuid("desk_id").references(() => desks.id),
    agentId: uuid("agent_id").references(() => users.id, { onDelete: "set null" }),
    residentId: uuid("resident_id").references(() => users.id, { onDelete: "set null" }),
    /** Set when the visitor checked in for an appointment: they are called first when it is due. */
    appointmentAt: timestamp("appointment_at", { withTimezone: true }),
    language: text("language").notNull().default("nl"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    calledAt: timestamp("called_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    recalls: integer("recalls").notNull().default(0),
    /** Seconds between taking the ticket and the first call; set once. */
    waitSeconds: integer("wait_seconds"),
    /** Seconds between the start of service and finishing. */
    serviceSeconds: integer("service_seconds"),
    history: jsonb("history").$type<{ at: string; event: string; by?: string; detail?: string }[]>().notNull().default([]),
    /** The visitor's one-tap rating (1-5) after the visit; set once (tablet at the desk or e-mail link). */
    satisfactionScore: smallint("satisfaction_score"),
    satisfactionAt: timestamp("satisfaction_at", { withTimezone: true }),
    /** When the resident was mailed a link to rate the visit (the worker does it once, after the tablet's window). */
    satisfactionInvitedAt: timestamp("satisfaction_invited_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("tickets_day_number_uq").on(t.day, t.number),
    index("tickets_queue_idx").on(t.day, t.themeId, t.status, t.createdAt),
    index("tickets_called_idx").on(t.day, t.calledAt),
    check("tickets_satisfaction_ck", sql`${t.satisfactionScore} is null or ${t.satisfactionScore} between 1 and 5`),
  ],
);

/**
 * When a theme takes appointments: per weekday a time range cut into slots, with a number
 * of visitors per slot (usually the number of desks). Set by an admin; the seed is a demo.
 */
export const appointmentSchedules = pgTable("appointment_schedules", {
  id: uuid("id").primaryKey().defaultRandom(),
  themeId: uuid("theme_id")
    .notNull()
    .references(() => deskThemes.id, { onDelete: "cascade" }),
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: smallint("weekday").notNull(),
  startTime: text("start_time").notNull(),
  endTime: text("end_time").notNull(),
  slotMinutes: smallint("slot_minutes").notNull().default(15),
  capacity: smallint("capacity").notNull().default(1),
  isDemo: boolean("is_demo").notNull().default(false),
});

/** Booked places per slot: one conditional upsert books a place, so a slot is never overbooked. */
export const appointmentSlots = pgTable(
  "appointment_slots",
  {
    themeId: uuid("theme_id")
      .notNull()
      .references(() => deskThemes.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    capacity: smallint("capacity").notNull(),
    booked: smallint("booked").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.themeId, t.startsAt] })],
);

export const APPOINTMENT_STATUSES = ["booked", "cancelled", "checked_in"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Short code the visitor types or shows as a QR code at the kiosk. */
    reference: text("reference").notNull().unique(),
    themeId: uuid("theme_id")
      .notNull()
      .references(() => deskThemes.id),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: text("status").$type<AppointmentStatus>().notNull().default("booked"),
    channel: text("channel").notNull().default("web"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    ticketId: uuid("ticket_id").references(() => tickets.id),
    /** The calendar event's UID (kept when the appointment is moved) and its SEQUENCE, raised on every change. Null UID: `<id>@digitaal-huis-mechelen`. */
    calendarUid: text("calendar_uid"),
    calendarSequence: integer("calendar_sequence").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("appointments_resident_idx").on(t.residentId, t.startsAt), index("appointments_reminder_idx").on(t.status, t.startsAt)],
);
