import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

/**
 * QR building access (architecture §6). Buildings carry a small numeric code that goes
 * into the signed pass token; everything else is addressed by uuid.
 */
export const buildings = pgTable("access_buildings", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: smallint("code").notNull().unique(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** Only where the memorandum states it; empty means "ask your host". */
  address: text("address"),
  /** Free text as the city states it (e.g. "ma–vr 9–12 u"); empty: the pages show nothing. */
  openingHours: text("opening_hours"),
  /** Accessibility information for visitors (entrance, lift, toilets); empty: shown nowhere. */
  accessibility: text("accessibility"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const entrances = pgTable(
  "access_entrances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    buildingId: uuid("building_id")
      .notNull()
      .references(() => buildings.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("access_entrances_building_slug_uq").on(t.buildingId, t.slug)],
);

export const KIOSK_MODES = ["entry", "exit"] as const;
export type KioskMode = (typeof KIOSK_MODES)[number];

/** A registered scanning device at one entrance. Only a hash of its secret is kept. */
export const kiosks = pgTable(
  "access_kiosks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entranceId: uuid("entrance_id")
      .notNull()
      .references(() => entrances.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    mode: text("mode").$type<KioskMode>().notNull().default("entry"),
    secretHash: text("secret_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("access_kiosks_entrance_idx").on(t.entranceId)],
);

/** What a host asked for: a purpose, a building, and one or more visitors (one pass each per occurrence). */
export const invitations = pgTable(
  "access_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hostId: uuid("host_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    buildingId: uuid("building_id")
      .notNull()
      .references(() => buildings.id),
    entranceId: uuid("entrance_id").references(() => entrances.id, { onDelete: "set null" }),
    purpose: text("purpose").notNull(),
    multipleEntries: boolean("multiple_entries").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("access_invitations_host_idx").on(t.hostId, t.createdAt)],
);

/**
 * One pass per visitor and time window. Re-issuing makes a new pass and revokes the old
 * one, so an old QR stops working. Personal data is erased after the retention period
 * (`anonymisedAt`); the pass row and its scans stay for the counts.
 */
export const passes = pgTable(
  "access_passes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    invitationId: uuid("invitation_id")
      .notNull()
      .references(() => invitations.id, { onDelete: "cascade" }),
    buildingId: uuid("building_id")
      .notNull()
      .references(() => buildings.id),
    visitorName: text("visitor_name"),
    visitorEmail: text("visitor_email"),
    visitorOrganisation: text("visitor_organisation"),
    visitorLanguage: text("visitor_language").notNull().default("nl"),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validUntil: timestamp("valid_until", { withTimezone: true }).notNull(),
    /** null: unlimited entries within the window. */
    remainingEntries: integer("remaining_entries"),
    inside: boolean("inside").notNull().default(false),
    /** The signed QR text and a hash of the key for the visitor's pass page; both erased with the personal data. */
    token: text("token"),
    viewKeyHash: text("view_key_hash"),
    /** The manual fallback a person can read out and type (short-code.ts); unique, erased with the personal data. */
    shortCode: text("short_code").unique("access_passes_short_code_uq"),
    replacedBy: uuid("replaced_by"),
    /** The calendar event's UID (kept when the pass is re-issued for a new time) and its SEQUENCE, raised on every change. Null UID: `<id>@mechelaar`. */
    calendarUid: text("calendar_uid"),
    calendarSequence: integer("calendar_sequence").notNull().default(0),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("access_passes_invitation_idx").on(t.invitationId),
    index("access_passes_building_inside_idx")
      .on(t.buildingId)
      .where(sql`${t.inside}`),
    index("access_passes_retention_idx")
      .on(t.validUntil)
      .where(sql`${t.anonymisedAt} is null`),
    /** The offline kiosk's bundle: a building's passes whose window is not over. */
    index("access_passes_building_window_idx").on(t.buildingId, t.validUntil),
  ],
);

/** `offline_stale`: an offline kiosk refused because it had not refreshed its offline bundle for too long. */
export const SCAN_OUTCOMES = ["welcome", "goodbye", "wrong_building", "not_yet_valid", "expired", "already_used", "revoked", "not_inside", "offline_stale"] as const;
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number];

/** Every scan of a known pass, allowed or not. No personal data: counts survive retention. */
export const scans = pgTable(
  "access_scans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    passId: uuid("pass_id")
      .notNull()
      .references(() => passes.id, { onDelete: "cascade" }),
    kioskId: uuid("kiosk_id").references(() => kiosks.id, { onDelete: "set null" }),
    buildingId: uuid("building_id").references(() => buildings.id),
    direction: text("direction").$type<"in" | "out">().notNull(),
    outcome: text("outcome").$type<ScanOutcome>().notNull(),
    /** Check-out at the desk is done by staff, not a kiosk. */
    byUserId: uuid("by_user_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** Decided by a kiosk without network (issue 19): `at` is the kiosk's own time; recorded when it synced. */
    offline: boolean("offline").notNull().default(false),
    /** The kiosk's id for an offline scan: a re-sent queue records each scan once. */
    clientScanId: uuid("client_scan_id"),
    syncedAt: timestamp("synced_at", { withTimezone: true }),
  },
  (t) => [
    index("access_scans_pass_idx").on(t.passId, t.at),
    uniqueIndex("access_scans_client_scan_uq")
      .on(t.kioskId, t.clientScanId)
      .where(sql`${t.clientScanId} is not null`),
  ],
);

export const OFFLINE_CONFLICT_KINDS = ["used_twice", "revoked"] as const;
export type OfflineConflictKind = (typeof OFFLINE_CONFLICT_KINDS)[number];

/**
 * A scan an offline kiosk let in that the server would have refused (issue 19): a single-use
 * pass let in a second time (by another offline kiosk, or after it was used online), or a pass
 * revoked before the visit. Shown to admins on /werk/toegang. No personal data of its own.
 */
export const offlineConflicts = pgTable(
  "access_offline_conflicts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    passId: uuid("pass_id")
      .notNull()
      .references(() => passes.id, { onDelete: "cascade" }),
    scanId: uuid("scan_id")
      .notNull()
      .references(() => scans.id, { onDelete: "cascade" }),
    kind: text("kind").$type<OfflineConflictKind>().notNull(),
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull().defaultNow(),
    // An admin looked into it (called the host, checked the presence list) and closed it.
    handledAt: timestamp("handled_at", { withTimezone: true }),
    handledBy: uuid("handled_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("access_offline_conflicts_detected_idx").on(t.detectedAt), uniqueIndex("access_offline_conflicts_scan_uq").on(t.scanId)],
);

/**
 * The QR poster at an entrance (issue 19): `code` is the random, unguessable part of
 * /ingang/<code>. Replacing it makes the old poster stop working. The poster checks visitors
 * in and out through two kiosk rows of its own, so arrivals follow the kiosk's rules exactly.
 */
export const entrancePosters = pgTable("access_entrance_posters", {
  entranceId: uuid("entrance_id")
    .primaryKey()
    .references(() => entrances.id, { onDelete: "cascade" }),
  code: text("code").notNull().unique(),
  entryKioskId: uuid("entry_kiosk_id")
    .notNull()
    .references(() => kiosks.id),
  exitKioskId: uuid("exit_kiosk_id")
    .notNull()
    .references(() => kiosks.id),
  replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Hosts who take walk-ins in a building (their own choice on /werk/bezoekers). Only they are listed on the entrance page. */
export const walkInHosts = pgTable(
  "access_walkin_hosts",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    buildingId: uuid("building_id")
      .notNull()
      .references(() => buildings.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("access_walkin_hosts_uq").on(t.userId, t.buildingId)],
);

export const WALK_IN_STATUSES = ["pending", "approved", "refused"] as const;
export type WalkInStatus = (typeof WALK_IN_STATUSES)[number];

/**
 * A visitor without invitation asks at the entrance page to be let in. `hostId` null means
 * the reception. The visitor follows the answer with the key in their status link (only its
 * hash is kept). Name and purpose are erased with the same retention as invitations.
 */
export const walkIns = pgTable(
  "access_walkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entranceId: uuid("entrance_id")
      .notNull()
      .references(() => entrances.id, { onDelete: "cascade" }),
    buildingId: uuid("building_id")
      .notNull()
      .references(() => buildings.id),
    hostId: uuid("host_id").references(() => users.id, { onDelete: "set null" }),
    visitorName: text("visitor_name"),
    purpose: text("purpose"),
    language: text("language").notNull().default("nl"),
    viewKeyHash: text("view_key_hash"),
    status: text("status").$type<WalkInStatus>().notNull().default("pending"),
    passId: uuid("pass_id").references(() => passes.id, { onDelete: "set null" }),
    answeredBy: uuid("answered_by").references(() => users.id, { onDelete: "set null" }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("access_walkins_pending_idx")
      .on(t.buildingId, t.createdAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
