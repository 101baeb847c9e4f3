import { boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { teams, type AssuranceLevel } from "./identity";

export type ServiceChannels = { online: string | null; counter: string | null; phone: string | null };
export type MemorandumSource = { theme: string; section: string };
/** Texts of a service in another language than Dutch: faithful translations, labelled on the page. A missing field falls back to the Dutch text (marked lang="nl"). */
export type ServiceText = {
  title?: string;
  summary?: string;
  description?: string;
  /** What you need, in the same order as the Dutch list. */
  requirements?: string[];
  conditions?: string;
  result?: string;
  /** How to ask for it, per channel the Dutch text names. */
  channels?: Partial<Record<keyof ServiceChannels, string>>;
};
export type ServiceTranslations = Partial<Record<string, ServiceText>>;

/**
 * The service catalogue (producten en diensten): one row per service a resident can use
 * or ask for. Fields follow CPSV-AP as the Flemish product catalogue (IPDC) uses them.
 * A null field means "not known": pages then say how to ask, never a guess.
 */
export const services = pgTable("services", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  summary: text("summary").notNull(),
  description: text("description").notNull(),
  audiences: text("audiences").array().notNull().default([]),
  themes: text("themes").array().notNull().default([]),
  conditions: text("conditions"),
  requirements: text("requirements").array(),
  channels: jsonb("channels").$type<ServiceChannels>().notNull().default({ online: null, counter: null, phone: null }),
  cost: text("cost"),
  processingTimeDays: integer("processing_time_days"),
  result: text("result"),
  /** The team that handles requests for this service (routing is data). */
  competentTeamId: uuid("competent_team_id").references(() => teams.id, { onDelete: "set null" }),
  contactPoint: text("contact_point"),
  relatedServices: text("related_services").array().notNull().default([]),
  legalBasis: text("legal_basis"),
  keywords: text("keywords").array().notNull().default([]),
  lastChecked: date("last_checked"),
  memorandumSource: jsonb("memorandum_source").$type<MemorandumSource>(),
  /** Residents can file a request for it online (it has a form and a status model). */
  requestable: boolean("requestable").notNull().default(false),
  /** Per language code (en, fr, ...): the translated texts. Dutch stays in the columns above. */
  translations: jsonb("translations").$type<ServiceTranslations>().notNull().default({}),
  /** The login a resident needs to file a request online: low (e-mail code), substantial or high (itsme/eID). */
  requiredAssurance: text("required_assurance").$type<AssuranceLevel>().notNull().default("low"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
