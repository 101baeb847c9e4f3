import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { cases } from "./cases";
import { tickets } from "./counter";
import { users } from "./identity";
import { knowledgeArticles } from "./knowledge";

export const CONTACT_MOMENT_CHANNELS = ["counter", "phone", "email", "letter", "web"] as const;
export type ContactMomentChannel = (typeof CONTACT_MOMENT_CHANNELS)[number];

export const CONTACT_OUTCOMES = ["answered", "request_filed", "referred", "follow_up"] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/**
 * Every interaction with a person on any channel: the organisation-wide contact history
 * (Thema 2 §2). `residentId` is empty for anonymous contacts, kept for statistics.
 * `outcome` is empty while a contact (e.g. an incoming e-mail) is not yet handled.
 */
export const contactMoments = pgTable(
  "contact_moments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    residentId: uuid("resident_id").references(() => users.id, { onDelete: "set null" }),
    channel: text("channel").$type<ContactMomentChannel>().notNull(),
    /** `in`: the person contacted the city; `out`: the city contacted the person (e.g. a reply). */
    direction: text("direction").$type<"in" | "out">().notNull().default("in"),
    subject: text("subject").notNull(),
    summary: text("summary").notNull().default(""),
    outcome: text("outcome").$type<ContactOutcome>(),
    /** The staff member who registered or handled it. */
    staffId: uuid("staff_id").references(() => users.id, { onDelete: "set null" }),
    caseId: uuid("case_id").references(() => cases.id, { onDelete: "set null" }),
    ticketId: uuid("ticket_id").references(() => tickets.id, { onDelete: "set null" }),
    /** Groups an e-mail conversation (the first moment's id). */
    threadId: uuid("thread_id"),
    /** Channel details, e.g. for e-mail: from, to, messageId, inReplyTo. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    satisfactionScore: integer("satisfaction_score"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("contact_moments_resident_idx").on(t.residentId, t.occurredAt.desc()),
    index("contact_moments_staff_idx").on(t.staffId, t.occurredAt.desc()),
    index("contact_moments_open_idx")
      .on(t.channel, t.occurredAt)
      .where(sql`${t.outcome} is null`),
    index("contact_moments_thread_idx").on(t.threadId),
    // Threading of e-mail: a reply's In-Reply-To/References are looked up by Message-ID.
    index("contact_moments_message_id_idx")
      .on(sql`(${t.data}->>'messageId')`)
      .where(sql`${t.channel} = 'email'`),
    index("contact_moments_occurred_idx").on(t.occurredAt),
    check("contact_moments_satisfaction_ck", sql`${t.satisfactionScore} is null or ${t.satisfactionScore} between 1 and 5`),
  ],
);

/** The Mikipedia articles used to answer a contact: the "same answer on every channel" made visible. */
export const contactMomentArticles = pgTable(
  "contact_moment_articles",
  {
    contactMomentId: uuid("contact_moment_id")
      .notNull()
      .references(() => contactMoments.id, { onDelete: "cascade" }),
    articleId: uuid("article_id")
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.contactMomentId, t.articleId] }), index("contact_moment_articles_article_idx").on(t.articleId)],
);
