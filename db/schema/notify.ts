import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export type OutboxHeaders = { messageId?: string; inReplyTo?: string; references?: string[]; replyTo?: string };
export type OutboxAttachment = { filename: string; contentType: string; contentBase64: string; cid?: string };

/**
 * Every e-mail is written here in the same transaction as the change that caused it;
 * the worker delivers it. A crash between "change" and "send" then loses nothing.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    template: text("template").notNull(),
    language: text("language").notNull().default("nl"),
    attachments: jsonb("attachments").$type<OutboxAttachment[]>().notNull().default([]),
    /** Threading and reply headers of a reply to an incoming mail: messageId, inReplyTo, references, replyTo. */
    headers: jsonb("headers").$type<OutboxHeaders>().notNull().default({}),
    status: text("status").$type<"pending" | "sent" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    transport: text("transport"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), index("outbox_to_idx").on(t.toAddress, t.createdAt)],
);
