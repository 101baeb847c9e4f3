import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, pgTable, primaryKey, real, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Read models for the insights dashboard, the public figures and open data (issue 8).
 * They are derived data: the worker refreshes them from the other contexts' tables in
 * small batches (app/modules/insights/refresh.server.ts) and they can be rebuilt at any
 * time. No foreign keys: a read model never blocks a write in the context it reads from.
 */

/** How far each read model has been refreshed: an event id (cases) or a day (daily models). */
export const insightsWatermarks = pgTable("insights_watermarks", {
  model: text("model").primaryKey(),
  lastId: bigint("last_id", { mode: "number" }),
  /** Days before this one are final; this day and later are recomputed on the next run. */
  fromDay: date("from_day"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One compact row per case: what the dashboard needs for counts, lead-time percentiles
 * (percentile_cont over a period) and satisfaction. Days are Europe/Brussels days.
 */
export const insightsCaseFacts = pgTable(
  "insights_case_facts",
  {
    caseId: uuid("case_id").primaryKey(),
    serviceId: uuid("service_id").notNull(),
    teamId: uuid("team_id"),
    channel: text("channel").notNull(),
    submittedDay: date("submitted_day").notNull(),
    closedDay: date("closed_day"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** Calendar days from submission to closure (fractional). */
    leadDays: real("lead_days"),
    onTime: boolean("on_time"),
    result: text("result"),
    satisfactionScore: smallint("satisfaction_score"),
  },
  (t) => [
    // Covering indexes: the dashboard's queries over one period read the index only.
    index("insights_case_facts_submitted_idx").on(t.submittedDay, t.teamId, t.channel, t.serviceId),
    index("insights_case_facts_rated_idx")
      .on(t.closedDay, t.teamId, t.channel, t.serviceId, t.satisfactionScore)
      .where(sql`${t.satisfactionScore} is not null`),
    index("insights_case_facts_lead_idx")
      .on(t.closedDay, t.serviceId, t.leadDays, t.onTime, t.teamId)
      .where(sql`${t.result} is distinct from 'ingetrokken' and ${t.closedDay} is not null`),
    index("insights_case_facts_open_idx")
      .on(t.teamId, t.serviceId, t.dueAt)
      .where(sql`${t.closedAt} is null`),
  ],
);

/** Counter tickets per day, desk theme and hour of arrival (Brussels time). */
export const insightsCounterHourly = pgTable(
  "insights_counter_hourly",
  {
    day: date("day").notNull(),
    themeId: uuid("theme_id").notNull(),
    hour: smallint("hour").notNull(),
    tickets: integer("tickets").notNull(),
    noShows: integer("no_shows").notNull(),
    waitSum: bigint("wait_sum", { mode: "number" }).notNull(),
    waitN: integer("wait_n").notNull(),
    serviceSum: bigint("service_sum", { mode: "number" }).notNull(),
    serviceN: integer("service_n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.themeId, t.hour] })],
);

/** Contact moments per day and channel, with their satisfaction scores. */
export const insightsContactDaily = pgTable(
  "insights_contact_daily",
  {
    day: date("day").notNull(),
    channel: text("channel").notNull(),
    contacts: integer("contacts").notNull(),
    satSum: integer("sat_sum").notNull(),
    satN: integer("sat_n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.channel] })],
);

/** Mikipedia searches per day; zero-result queries are kept per query (they carry no personal data). */
export const insightsSearchDaily = pgTable(
  "insights_search_daily",
  {
    day: date("day").notNull(),
    language: text("language").notNull(),
    query: text("query").notNull(),
    searches: integer("searches").notNull(),
    zeroResults: integer("zero_results").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.language, t.query] })],
);

/** "Heeft dit antwoord u geholpen?" per day and article. */
export const insightsFeedbackDaily = pgTable(
  "insights_feedback_daily",
  {
    day: date("day").notNull(),
    articleId: uuid("article_id").notNull(),
    helpful: integer("helpful").notNull(),
    notHelpful: integer("not_helpful").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.articleId] })],
);

/** Visitors (distinct passes let in) and entries per building and day. */
export const insightsVisitsDaily = pgTable(
  "insights_visits_daily",
  {
    day: date("day").notNull(),
    buildingId: uuid("building_id").notNull(),
    visitors: integer("visitors").notNull(),
    entries: integer("entries").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.buildingId] })],
);
