import { index, jsonb, pgTable, text, timestamp, uuid, bigserial } from "drizzle-orm/pg-core";
import { users } from "./identity";

/** Who did what to whose data. Append-only: nothing in the app updates or deletes rows. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subjectUserId: uuid("subject_user_id").references(() => users.id, { onDelete: "set null" }),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_subject_idx").on(t.subjectUserId, t.at), index("audit_actor_idx").on(t.actorId, t.at)],
);
