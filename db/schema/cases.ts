import { sql } from "drizzle-orm";
import { bigserial, boolean, check, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { services } from "./catalog";
import { teams, users } from "./identity";

export const CASE_CHANNELS = ["web", "counter", "phone", "email"] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];
export type EventVisibility = "resident" | "internal";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * How a service is requested: its form and its status model, as data (seeded from
 * seeds/requests/<slug>.json). Kept beside the catalogue row, one per service.
 */
export const caseDefinitions = pgTable("case_definitions", {
  serviceId: uuid("service_id")
    .primaryKey()
    .references(() => services.id, { onDelete: "cascade" }),
  form: jsonb("form").$type<unknown>().notNull(),
  statusModel: jsonb("status_model").$type<unknown>().notNull(),
  /** Internal processing norm of the city. The memorandum states none: seeded values are demo values. */
  normDays: integer("norm_days").notNull(),
  normIsDemo: boolean("norm_is_demo").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One counter per year for readable references (MEC-2026-000123); a row lock makes it safe under concurrency. */
export const caseSequences = pgTable("case_sequences", {
  year: integer("year").primaryKey(),
  last: integer("last").notNull().default(0),
});

export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: text("reference").notNull().unique(),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => users.id),
    /** The resident, or the staff member who filed it for them. */
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    channel: text("channel").$type<CaseChannel>().notNull(),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    status: text("status").notNull(),
    subStatus: text("sub_status"),
    result: text("result"),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    idempotencyKey: text("idempotency_key"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    /** Internal due date (norm); moves later by the time the city waited for the resident. */
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** Set while the city waits for the resident ("Actie nodig"): the clock is paused. */
    waitingSince: timestamp("waiting_since", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    lastChangeAt: timestamp("last_change_at", { withTimezone: true }).notNull().defaultNow(),
    satisfactionScore: integer("satisfaction_score"),
    satisfactionComment: text("satisfaction_comment"),
    /** The back-office agent handling the case; null while unassigned in the team queue. */
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    /** Optimistic lock: every staff change bumps it; a form carrying an older version is refused. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("cases_idempotency_uq").on(t.createdById, t.idempotencyKey),
    // "Mijn dossiers": open first, then most recent change.
    index("cases_resident_idx").on(t.residentId, sql`(${t.closedAt} is not null)`, t.lastChangeAt.desc()),
    index("cases_team_open_idx")
      .on(t.teamId, t.status)
      .where(sql`${t.closedAt} is null`),
    // Work queues: a team's open cases in due-date order (filters are checked on the rows walked).
    index("cases_team_queue_idx")
      .on(t.teamId, t.dueAt, t.id)
      .where(sql`${t.closedAt} is null`),
    // "Assigned to me" across teams, in due-date order.
    index("cases_assignee_queue_idx")
      .on(t.assigneeId, t.dueAt)
      .where(sql`${t.closedAt} is null`),
    // Front office: the cases an agent filed for residents.
    index("cases_created_by_idx").on(t.createdById, t.submittedAt.desc()),
    check("cases_satisfaction_ck", sql`${t.satisfactionScore} is null or ${t.satisfactionScore} between 1 and 5`),
  ],
);

/** Append-only history of a case: nothing changes on a case without a row here. */
export const caseEvents = pgTable(
  "case_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    type: text("type").notNull(),
    visibility: text("visibility").$type<EventVisibility>().notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("case_events_case_idx").on(t.caseId, t.at)],
);

/** Messages between the resident and the handling team. A `question` asks the resident for something. */
export const caseMessages = pgTable(
  "case_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    fromStaff: boolean("from_staff").notNull(),
    kind: text("kind").$type<"message" | "question" | "answer">().notNull().default("message"),
    body: text("body").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_messages_case_idx").on(t.caseId, t.at)],
);

/** Bytes of stored files, for the default (PostgreSQL) storage. */
export const fileBlobs = pgTable("file_blobs", {
  key: text("key").primaryKey(),
  bytes: bytea("bytes").notNull(),
});

/** A file a resident or staff member added to a draft, a case or a message. */
export const caseFiles = pgTable(
  "case_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    caseId: uuid("case_id").references(() => cases.id, { onDelete: "cascade" }),
    draftId: uuid("draft_id").references(() => caseDrafts.id, { onDelete: "set null" }),
    messageId: uuid("message_id").references(() => caseMessages.id, { onDelete: "set null" }),
    field: text("field"),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    storageKey: text("storage_key").notNull(),
    uploadedById: uuid("uploaded_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("case_files_case_idx").on(t.caseId), index("case_files_draft_idx").on(t.draftId)],
);

/** A request in progress; one per resident and service, resumed later. */
export const caseDrafts = pgTable(
  "case_drafts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    residentId: uuid("resident_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    /** Highest step completed (0 = none). */
    stepsDone: integer("steps_done").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("case_drafts_resident_service_uq").on(t.residentId, t.serviceId)],
);

/** Work for the front office, e.g. to call or write to a resident who prefers paper or phone. */
export const caseTasks = pgTable(
  "case_tasks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    /** What to do: contact-resident, inform-resident, call-resident, make-appointment, send-letter (title from i18n). */
    kind: text("kind").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    /** Free text from whoever made the task (e.g. what to tell the resident). */
    note: text("note"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    /** Null when the system made it (a notification for a resident who prefers paper or phone). */
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    /** A named front-office agent (e.g. who filed the case); null = anyone at the front office. */
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp("done_at", { withTimezone: true }),
    doneById: uuid("done_by_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("case_tasks_open_idx")
      .on(t.createdAt)
      .where(sql`${t.doneAt} is null`),
    index("case_tasks_open_due_idx")
      .on(t.dueAt)
      .where(sql`${t.doneAt} is null`),
    index("case_tasks_case_idx").on(t.caseId),
  ],
);

/** One row per day the daily overview for team leads went out: the primary key makes it once per day across processes. */
export const caseOverviewRuns = pgTable("case_overview_runs", {
  day: text("day").primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  mails: integer("mails").notNull().default(0),
});
