import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const ROLES = ["resident", "frontoffice", "backoffice", "editor", "host", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ROLES.filter((r) => r !== "resident") as Exclude<Role, "resident">[];

/** Languages data may be in: Dutch (official), en and fr, and the courtesy languages ar and tr (app/i18n/config.ts). */
export const LANGUAGES = ["nl", "en", "fr", "ar", "tr"] as const;
export type Language = (typeof LANGUAGES)[number];

export const CONTACT_CHANNELS = ["email", "paper"] as const;
export type PreferredChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * Residents and staff share one table: a person is a person, whatever door they use.
 * A resident record may exist without a login (made at the counter); `claimedAt` is set
 * when they first log in themselves.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    email: text("email"),
    phone: text("phone"),
    roles: text("roles")
      .array()
      .$type<Role[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    preferredLanguage: text("preferred_language").$type<Language>().notNull().default("nl"),
    preferredChannel: text("preferred_channel").$type<PreferredChannel>().notNull().default("email"),
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    isDemo: boolean("is_demo").notNull().default(false),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Case-insensitive uniqueness: people type their address in many ways.
    uniqueIndex("users_email_lower_uq").on(sql`lower(${t.email})`),
    index("users_roles_gin").using("gin", t.roles),
  ],
);

export const teams = pgTable("teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    isLead: boolean("is_lead").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index("team_members_user_idx").on(t.userId)],
);

/** One-time login codes for residents. Only a hash is kept. */
export const loginCodes = pgTable(
  "login_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_codes_user_idx").on(t.userId, t.createdAt)],
);

/**
 * How a session was made. Staff roles count only in a `staff-password` session (with its
 * second factor where one is required) or a `staff-oidc` one (the city's single sign-on, whose
 * provider does the second factor); `oidc` is the itsme/eID login (docs/decisions/018).
 */
export const AUTH_METHODS = ["email-code", "staff-password", "oidc", "staff-oidc"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
/** eIDAS levels of assurance: an e-mail code is low; a password with TOTP is substantial; eID is high. */
export const ASSURANCE_LEVELS = ["low", "substantial", "high"] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];
export const SECOND_FACTORS = ["totp", "recovery-code"] as const;
export type SecondFactor = (typeof SECOND_FACTORS)[number];

/** Server-side sessions: the cookie holds only the signed id, so any session can be revoked. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    userAgent: text("user_agent"),
    authMethod: text("auth_method").$type<AuthMethod>().notNull().default("email-code"),
    assurance: text("assurance").$type<AssuranceLevel>().notNull().default("low"),
    /** The second factor completed when the session was made; null when there was none. */
    secondFactor: text("second_factor").$type<SecondFactor>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    index("sessions_expires_idx").on(t.expiresAt),
    check("sessions_auth_method_ck", sql`${t.authMethod} in ('email-code', 'staff-password', 'oidc', 'staff-oidc')`),
    check("sessions_assurance_ck", sql`${t.assurance} in ('low', 'substantial', 'high')`),
    check("sessions_second_factor_ck", sql`${t.secondFactor} is null or ${t.secondFactor} in ('totp', 'recovery-code')`),
  ],
);

/**
 * A staff member's TOTP authenticator (RFC 6238). The secret is encrypted at rest
 * (AES-256-GCM, app/modules/identity/totp.server.ts). `confirmedAt` is null while the
 * member is still setting it up; `lastUsedStep` refuses a code used before in its window.
 */
export const staffTotp = pgTable("staff_totp", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretEncrypted: text("secret_encrypted").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Single-use recovery codes for the second factor: only a salted SHA-256 hash is kept. */
export const staffRecoveryCodes = pgTable(
  "staff_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    salt: text("salt").notNull(),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("staff_recovery_codes_user_idx").on(t.userId)],
);

/**
 * An itsme/eID identity (OpenID Connect) linked to a resident account. The national register
 * number is never stored: only its HMAC-SHA256 with OIDC_SUBJECT_HASH_SECRET, to recognise the
 * same person at the next login (docs/decisions/009-identity-oidc.md).
 */
export const residentIdentities = pgTable(
  "resident_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subjectHash: text("subject_hash").notNull(),
    name: text("name").notNull(),
    assurance: text("assurance").$type<AssuranceLevel>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("resident_identities_subject_uq").on(t.subjectHash),
    index("resident_identities_user_idx").on(t.userId),
    check("resident_identities_assurance_ck", sql`${t.assurance} in ('low', 'substantial', 'high')`),
  ],
);

/**
 * One OpenID Connect login in progress: its `state` (the key), PKCE verifier and nonce. The
 * browser holds the state in a signed cookie; the row is deleted when the callback uses it, so
 * a state (and the code that came with it) works once, within ten minutes.
 */
export const oidcLogins = pgTable(
  "oidc_logins",
  {
    state: text("state").primaryKey(),
    codeVerifier: text("code_verifier").notNull(),
    nonce: text("nonce").notNull(),
    redirectTo: text("redirect_to").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("oidc_logins_expires_idx").on(t.expiresAt)],
);
