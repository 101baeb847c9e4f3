import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

const accessKeysSchema = z
  .array(z.object({ kid: z.number().int().min(1).max(255), privateKey: z.string().min(40), retired: z.boolean().optional() }))
  .min(1)
  .refine((keys) => new Set(keys.map((k) => k.kid)).size === keys.length, "key ids must be unique");
export type AccessSigningKeyConfig = z.infer<typeof accessKeysSchema>[number];
function parseAccessKeys(value: string, ctx: z.RefinementCtx) {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be a JSON list of {kid, privateKey, retired?}" });
    return z.NEVER;
  }
  const parsed = accessKeysSchema.safeParse(json);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: `must be a JSON list of {kid, privateKey, retired?} (${parsed.error.issues[0]?.message})` });
    return z.NEVER;
  }
  return parsed.data;
}

/** Every setting the portal reads, in one place. Documented in README.md ("Configuration"). */
/**
 * Staff single sign-on: which of the city provider's groups give which staff roles and teams
 * (STAFF_OIDC_GROUP_MAP, a JSON object). A group that is not listed gives nothing.
 * Example: {"loket": {"roles": ["frontoffice"], "teams": ["burgerzaken"]}, "leads-welzijn": {"roles": ["backoffice"], "teams": ["welzijn"], "leadOf": ["welzijn"]}}
 */
const teamSlug = z.string().regex(/^[a-z0-9-]{1,60}$/, "team slugs are lower-case letters, digits and -");
export const staffGroupMapSchema = z.record(
  z.string().min(1).max(256),
  z
    .object({
      roles: z.array(z.enum(["frontoffice", "backoffice", "editor", "host", "admin"])).default([]),
      teams: z.array(teamSlug).default([]),
      leadOf: z.array(teamSlug).default([]),
    })
    .strict(),
);
export type StaffGroupMap = z.infer<typeof staffGroupMapSchema>;
function parseGroupMap(value: string, ctx: z.RefinementCtx): StaffGroupMap {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    ctx.addIssue({ code: "custom", message: 'must be a JSON object {"<group>": {"roles": [...], "teams": [...], "leadOf": [...]}}' });
    return z.NEVER;
  }
  const parsed = staffGroupMapSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    ctx.addIssue({ code: "custom", message: `${issue?.path.join(".")}: ${issue?.message}` });
    return z.NEVER;
  }
  return parsed.data;
}

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    PUBLIC_URL: z.string().url().optional(),
    DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().default(".data"),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    SESSION_SECRET_PREVIOUS: z.string().optional(),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("Digitaal Huis van de Mechelaar <noreply@localhost>"),
    RUN_WORKER: bool.default("true"),
    SEED_DEMO: bool.optional(),
    TRUST_PROXY: bool.default("false"),
    RATE_LIMIT_LOGIN_PER_EMAIL: z.coerce.number().int().positive().default(5),
    RATE_LIMIT_LOGIN_PER_IP: z.coerce.number().int().positive().default(30),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    // A case nobody took after this many working hours appears on "Zonder behandelaar" (issue 15.1).
    UNASSIGNED_AFTER_WORKING_HOURS: z.coerce.number().int().min(1).max(400).default(8),
    // Node processes serving HTTP (node:cluster, one port); each has its own DB_POOL_SIZE (docs/performance.md).
    // Decision 013: each patch of Remix internals can be turned off (MEMO_MATCH_ROUTES=false).
    MEMO_MATCH_ROUTES: bool.default("true"),
    MEMO_ROUTE_TREES: bool.default("true"),
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
    // QR building access: JSON list of {kid (1-255), privateKey (Ed25519 PKCS8: PEM or base64 DER), retired?}; the last non-retired key signs.
    ACCESS_SIGNING_KEYS: z.string().transform(parseAccessKeys).optional(),
    ACCESS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    ACCESS_KIOSK_SCANS_PER_MINUTE: z.coerce.number().int().positive().default(60),
    // A door kiosk without network admits visitors itself for at most this many hours after its last refresh (issue 19).
    ACCESS_KIOSK_OFFLINE_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 14)
      .default(24),
    // The entrance page behind a poster's QR (issue 19): posts per entrance and client address, and
    // short-code look-ups per subject (kiosk, or client address on a page), per minute. The benchmark raises them.
    ACCESS_ENTRANCE_POSTS_PER_MINUTE: z.coerce.number().int().positive().default(30),
    ACCESS_SHORT_CODES_PER_MINUTE: z.coerce.number().int().positive().default(10),
    // Inbound e-mail channel (docs/email-channel.md): off unless a port is set; meant behind the city's MX/relay.
    INBOUND_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    INBOUND_SMTP_HOST: z.string().default("127.0.0.1"),
    INBOUND_MAIL_ADDRESSES: z
      .string()
      .default("info@mechelen.example.com")
      .transform((v) =>
        v
          .split(",")
          .map((a) => a.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().email()).min(1, "needs at least one address")),
    INBOUND_MAIL_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    // Signs the satisfaction links in e-mails; when unset it is derived from the session secret.
    SATISFACTION_LINK_SECRET: z.string().min(32, "SATISFACTION_LINK_SECRET must be at least 32 characters").optional(),
    SATISFACTION_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    // Staff second factor (TOTP): required for every staff role; defaults to true in production, false otherwise.
    STAFF_2FA_REQUIRED: bool.optional(),
    // Encrypts staff TOTP secrets at rest; when unset a key is derived from the session secret(s).
    TOTP_ENCRYPTION_KEY: z.string().min(32, "TOTP_ENCRYPTION_KEY must be at least 32 characters").optional(),
    // Logs and metrics (docs/operations.md): pino levels; JSON lines or one readable line per entry.
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
    // JSON lines are written a buffer at a time, at least every second (logger.server.ts); 0 writes each line at once.
    LOG_BUFFER_BYTES: z.coerce.number().int().min(0).max(4000).default(2048),
    // Prometheus metrics on their own port, never public; 0 turns them off.
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
    METRICS_HOST: z.string().default("127.0.0.1"),
    // Error reporting to Sentry or a self-hosted GlitchTip: off unless set.
    SENTRY_DSN: z.string().url().optional(),
    SENTRY_ENVIRONMENT: z.string().max(64).optional(),
    // Backups (npm run backup / restore, docs/operations.md): where dumps go, and where pg_dump/pg_restore live when not found.
    BACKUP_DIR: z.string().default("backups"),
    PG_BIN_DIR: z.string().optional(),
    // /.well-known/security.txt (RFC 9116): where to report a vulnerability; default mailto:security@<PUBLIC_URL host>.
    SECURITY_CONTACT: z
      .string()
      .regex(/^(mailto:|https:\/\/|tel:)/, "must start with mailto:, https:// or tel:")
      .optional(),
    // Public contact addresses (DCAT-AP contact point, accessibility statement). The defaults are examples: set the city's real ones.
    OPEN_DATA_CONTACT_EMAIL: z.string().email().default("opendata@mechelen.example.com"),
    ACCESSIBILITY_CONTACT_EMAIL: z.string().email().default("toegankelijkheid@mechelen.example.com"),
    ACCESSIBILITY_CONTACT_PHONE: z.string().min(3).max(40).default("+32 0 000 00 00"),
    // Resident login with itsme/eID over OpenID Connect (docs/decisions/018-identity-oidc.md): off unless OIDC_ISSUER is set
    // (in development the local identity provider on OIDC_DEV_PROVIDER_PORT stands in for it).
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    // private_key_jwt instead of a client secret: a PKCS8 PEM private key (RSA or EC).
    OIDC_PRIVATE_KEY: z.string().includes("PRIVATE KEY", { message: "must be a PKCS8 PEM private key" }).optional(),
    OIDC_PRIVATE_KEY_ALG: z.enum(["RS256", "PS256", "ES256"]).default("RS256"),
    OIDC_SCOPES: z.string().default("openid profile email rrn"),
    // The claim that carries the national register number (Flemish ACM/IDM: rrn).
    OIDC_NATIONAL_NUMBER_CLAIM: z.string().min(1).default("rrn"),
    // Keys the HMAC of the national register number; required in production when OIDC is on.
    OIDC_SUBJECT_HASH_SECRET: z.string().min(32, "OIDC_SUBJECT_HASH_SECRET must be at least 32 characters").optional(),
    OIDC_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    // Local identity provider with fake identities for development (npm start) and the e2e run; 0 turns it off. Refused in production.
    OIDC_DEV_PROVIDER_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    // Staff single sign-on through the city's OpenID Connect provider (decision 018); off unless STAFF_OIDC_ISSUER is set.
    STAFF_OIDC_ISSUER: z.string().url().optional(),
    STAFF_OIDC_CLIENT_ID: z.string().min(1).optional(),
    STAFF_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    STAFF_OIDC_SCOPES: z.string().default("openid profile email"),
    // The claim with the member's groups (a list of strings, or one string).
    STAFF_OIDC_GROUP_CLAIM: z.string().min(1).default("groups"),
    STAFF_OIDC_GROUP_MAP: z.string().default("{}").transform(parseGroupMap),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required when NODE_ENV=production" });
    }
    if (env.NODE_ENV === "production" && !env.SMTP_URL) {
      ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "is required when NODE_ENV=production (the development mailbox is not available there)" });
    }
    if (env.NODE_ENV === "production" && env.INBOUND_SMTP_PORT && env.INBOUND_MAIL_ADDRESSES.every((a) => a.endsWith("@mechelen.example.com"))) {
      ctx.addIssue({ code: "custom", path: ["INBOUND_MAIL_ADDRESSES"], message: "must name the city's real address(es) when INBOUND_SMTP_PORT is set in production" });
    }
    if (env.NODE_ENV === "production" && env.STAFF_2FA_REQUIRED === false) {
      ctx.addIssue({ code: "custom", path: ["STAFF_2FA_REQUIRED"], message: "cannot be turned off when NODE_ENV=production" });
    }
    if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID) {
      ctx.addIssue({ code: "custom", path: ["OIDC_CLIENT_ID"], message: "is required when OIDC_ISSUER is set" });
    }
    if (env.OIDC_ISSUER && !env.OIDC_CLIENT_SECRET && !env.OIDC_PRIVATE_KEY) {
      ctx.addIssue({ code: "custom", path: ["OIDC_CLIENT_SECRET"], message: "OIDC_CLIENT_SECRET or OIDC_PRIVATE_KEY is required when OIDC_ISSUER is set" });
    }
    if (env.NODE_ENV === "production" && env.OIDC_ISSUER && !env.OIDC_SUBJECT_HASH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["OIDC_SUBJECT_HASH_SECRET"], message: "is required when NODE_ENV=production and OIDC_ISSUER is set" });
    }
    if (env.NODE_ENV === "production" && env.OIDC_DEV_PROVIDER_PORT) {
      ctx.addIssue({ code: "custom", path: ["OIDC_DEV_PROVIDER_PORT"], message: "the development identity provider is refused when NODE_ENV=production" });
    }
    if (env.NODE_ENV === "production" && env.OIDC_ISSUER && new URL(env.OIDC_ISSUER).protocol !== "https:") {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "must be an https address when NODE_ENV=production" });
    }
    if (env.STAFF_OIDC_ISSUER && (!env.STAFF_OIDC_CLIENT_ID || !env.STAFF_OIDC_CLIENT_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["STAFF_OIDC_CLIENT_ID"], message: "STAFF_OIDC_CLIENT_ID and STAFF_OIDC_CLIENT_SECRET are required when STAFF_OIDC_ISSUER is set" });
    }
    if (env.NODE_ENV === "production" && env.STAFF_OIDC_ISSUER && new URL(env.STAFF_OIDC_ISSUER).protocol !== "https:") {
      ctx.addIssue({ code: "custom", path: ["STAFF_OIDC_ISSUER"], message: "must be an https address when NODE_ENV=production" });
    }
    if (env.NODE_ENV === "production" && env.SEED_DEMO) {
      ctx.addIssue({ code: "custom", path: ["SEED_DEMO"], message: "demo accounts are refused when NODE_ENV=production" });
    }
  });

export type Env = z.infer<typeof envSchema> & { SESSION_SECRETS: string[]; PUBLIC_URL: string };

export class ConfigError extends Error {}

/** Parses the environment once; throws a ConfigError with one readable line per problem. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join("; ")}`);
  }
  const env = parsed.data;
  const primary = env.SESSION_SECRET ?? developmentSecret(env.DATA_DIR);
  const previous = (env.SESSION_SECRET_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ...env,
    SESSION_SECRETS: [primary, ...previous],
    PUBLIC_URL: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  };
}

/** Outside production a secret is generated once and kept, so sessions survive restarts. */
function developmentSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
export const isProduction = () => env().NODE_ENV === "production";
/** Whether every staff role needs a second factor (always in production). */
export const staffSecondFactorRequired = () => env().STAFF_2FA_REQUIRED ?? isProduction();

/**
 * The local identity provider's port: 3001 in development unless set (0 = off); in tests only when
 * OIDC_DEV_PROVIDER_PORT is set (the e2e run sets it, scripts/test.ts); never in production.
 */
export function devOidcProviderPort(e: Env = env()) {
  if (e.NODE_ENV === "development") return e.OIDC_DEV_PROVIDER_PORT ?? 3001;
  if (e.NODE_ENV === "test") return e.OIDC_DEV_PROVIDER_PORT ?? 0;
  return 0;
}
export const DEV_OIDC_CLIENT = { id: "mechelaar-dev", secret: "dev-secret-only-for-the-local-identity-provider" } as const;

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  privateKey?: string;
  privateKeyAlg: string;
  scopes: string;
  nationalNumberClaim: string;
  subjectHashSecret: string;
  clockTolerance: number;
};

/** The OpenID Connect login's settings, or undefined when it is off (no OIDC_ISSUER and no local provider). */
export function oidcSettings(): OidcSettings | undefined {
  const e = env();
  const dev = !e.OIDC_ISSUER && devOidcProviderPort() > 0;
  if (!e.OIDC_ISSUER && !dev) return undefined;
  return {
    issuer: e.OIDC_ISSUER ?? `http://localhost:${devOidcProviderPort()}/oidc`,
    clientId: dev ? DEV_OIDC_CLIENT.id : e.OIDC_CLIENT_ID!,
    clientSecret: dev ? DEV_OIDC_CLIENT.secret : e.OIDC_CLIENT_SECRET,
    privateKey: dev ? undefined : e.OIDC_PRIVATE_KEY,
    privateKeyAlg: e.OIDC_PRIVATE_KEY_ALG,
    scopes: e.OIDC_SCOPES,
    nationalNumberClaim: e.OIDC_NATIONAL_NUMBER_CLAIM,
    // Outside production a key is derived from the session secret (production requires its own).
    subjectHashSecret: e.OIDC_SUBJECT_HASH_SECRET ?? `oidc-subject:${e.SESSION_SECRETS[0]}`,
    clockTolerance: e.OIDC_CLOCK_TOLERANCE_SECONDS,
  };
}

export type StaffOidcSettings = OidcSettings & { groupClaim: string; groupMap: StaffGroupMap };

/** Staff single sign-on's settings, or undefined when it is off (no STAFF_OIDC_ISSUER): then only the password and second factor. */
export function staffOidcSettings(): StaffOidcSettings | undefined {
  const e = env();
  if (!e.STAFF_OIDC_ISSUER || !e.STAFF_OIDC_CLIENT_ID) return undefined;
  return {
    issuer: e.STAFF_OIDC_ISSUER,
    clientId: e.STAFF_OIDC_CLIENT_ID,
    clientSecret: e.STAFF_OIDC_CLIENT_SECRET,
    privateKeyAlg: "RS256",
    scopes: e.STAFF_OIDC_SCOPES,
    nationalNumberClaim: "",
    subjectHashSecret: "",
    clockTolerance: e.OIDC_CLOCK_TOLERANCE_SECONDS,
    groupClaim: e.STAFF_OIDC_GROUP_CLAIM,
    groupMap: e.STAFF_OIDC_GROUP_MAP,
  };
}
