import { createCookie } from "@remix-run/node";
import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import * as client from "openid-client";
import { oidcLogins, teamMembers, teams, users, type AssuranceLevel, type Role } from "../../../db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { DomainError } from "~/modules/platform/errors";
import { logger } from "~/modules/platform/logger.server";
import { db } from "~/utils/db.server";
import { env, isProduction, staffOidcSettings, type StaffGroupMap } from "~/utils/env.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { oidcConfiguration, OIDC_LOGIN_SECONDS } from "./oidc.server";
import type { SessionAuth } from "./sessions.server";
import { canLogIn, isStaffRoles, type CurrentUser } from "./users.server";

/**
 * Staff single sign-on (issue 18 item 5; docs/decisions/018-identity-oidc.md): staff log in
 * through the city's OpenID Connect provider, and its groups give their roles and teams
 * (STAFF_OIDC_GROUP_MAP). Off unless STAFF_OIDC_ISSUER is set; the password with its second
 * factor stays. The second factor is the provider's job: the session records what the provider
 * says it did (`amr`), as its assurance.
 */

const CALLBACK_PATH = "/medewerkers/aanmelden/stad/terug";
const E = (k: string) => `auth:staffSso.errors.${k}`;

export const staffOidcEnabled = () => staffOidcSettings() !== undefined;

let stateCookie: ReturnType<typeof createCookie> | undefined;
export function staffOidcStateCookie() {
  stateCookie ??= createCookie("__mechelaar_staff_oidc", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/medewerkers/aanmelden/stad",
    maxAge: OIDC_LOGIN_SECONDS,
    secrets: env().SESSION_SECRETS,
  });
  return stateCookie;
}

const callbackUrl = () => `${env().PUBLIC_URL}${CALLBACK_PATH}`;

/** Starts a staff login at the city's provider: state, nonce and PKCE verifier kept for ten minutes. */
export async function startStaffOidcLogin(rawRedirectTo: string | null): Promise<{ url: string; cookie: string }> {
  const s = staffOidcSettings();
  if (!s) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  let config: client.Configuration;
  try {
    config = await oidcConfiguration(s);
  } catch (err) {
    logger().warn({ err: (err as Error).message }, "staff OIDC discovery failed");
    throw new DomainError("INVALID_STATE", E("unavailable"));
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const redirectTo = safeRedirect(rawRedirectTo, "/werk");
  await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, new Date()));
  await db.insert(oidcLogins).values({ state, nonce, codeVerifier, redirectTo, expiresAt: new Date(Date.now() + OIDC_LOGIN_SECONDS * 1000) });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(),
    scope: s.scopes,
    response_type: "code",
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, cookie: await staffOidcStateCookie().serialize(state) };
}

export type MappedRights = { roles: Exclude<Role, "resident">[]; teams: string[]; leadOf: string[] };

/** What the member's groups give: the union over the groups the map knows; unknown groups give nothing. */
export function rightsFromGroups(groups: readonly string[], map: StaffGroupMap): MappedRights {
  const roles = new Set<Exclude<Role, "resident">>();
  const teamSlugs = new Set<string>();
  const leadOf = new Set<string>();
  for (const g of groups) {
    const entry = Object.hasOwn(map, g) ? map[g] : undefined;
    if (!entry) continue;
    entry.roles.forEach((r) => roles.add(r));
    entry.teams.forEach((t) => teamSlugs.add(t));
    entry.leadOf.forEach((t) => (teamSlugs.add(t), leadOf.add(t)));
  }
  return { roles: [...roles].sort(), teams: [...teamSlugs].sort(), leadOf: [...leadOf].sort() };
}

function groupsFrom(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string").slice(0, 500);
  return [];
}

/** A second factor at the provider, from `amr` (RFC 8176) or an `acr` that says so: substantial; a password alone: low. */
export function staffAssurance(claims: Record<string, unknown>): AssuranceLevel {
  const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : [];
  const strong = amr.some((m) => ["mfa", "otp", "hwk", "swk", "sc", "fpt", "face", "iris", "retina", "vbm", "sms", "tel", "pin"].includes(m.toLowerCase()));
  if (strong || (typeof claims.acr === "string" && /mfa|high|substantial/i.test(claims.acr))) return "substantial";
  return "low";
}

export const staffOidcAuth = (assurance: AssuranceLevel): SessionAuth => ({ method: "staff-oidc", assurance, secondFactor: null });

/**
 * Finishes a staff login: the same checks as the residents' (state works once, PKCE, issuer,
 * signature, audience, nonce, expiry), then the member's account gets the roles and teams its
 * groups map to. No mapped role: refused, and nothing is made or changed.
 */
export async function finishStaffOidcLogin(request: Request): Promise<{ userId: string; auth: SessionAuth; redirectTo: string }> {
  const s = staffOidcSettings();
  if (!s) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const cookieState: unknown = await staffOidcStateCookie().parse(request.headers.get("Cookie"));
  if (typeof cookieState !== "string" || !cookieState) throw new DomainError("VALIDATION", E("expired"));
  const [login] = await db
    .delete(oidcLogins)
    .where(and(eq(oidcLogins.state, cookieState), gt(oidcLogins.expiresAt, new Date())))
    .returning();
  if (!login) throw new DomainError("VALIDATION", E("expired"));

  const current = new URL(callbackUrl());
  current.search = new URL(request.url).search;
  let claims: Record<string, unknown>;
  try {
    const config = await oidcConfiguration(s);
    const tokens = await client.authorizationCodeGrant(
      config,
      current,
      { pkceCodeVerifier: login.codeVerifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true },
      { redirect_uri: callbackUrl() },
    );
    claims = { ...(tokens.claims() as Record<string, unknown>) };
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims };
    }
  } catch (err) {
    logger().warn({ err: (err as Error).message, code: (err as { code?: string }).code }, "staff OIDC login refused");
    throw new DomainError("VALIDATION", E("failed"));
  }

  const rights = rightsFromGroups(groupsFrom(claims[s.groupClaim]), s.groupMap);
  if (rights.roles.length === 0) {
    logger().warn("staff OIDC login without a mapped group: no rights");
    throw new DomainError("FORBIDDEN", E("noRights"));
  }
  const email = typeof claims.email === "string" && claims.email.includes("@") ? claims.email.trim().toLowerCase() : null;
  if (!email) throw new DomainError("VALIDATION", E("noEmail"));
  const name = ((typeof claims.name === "string" && claims.name.trim()) || email).slice(0, 200);
  const userId = await applyRights(email, name, rights, String(claims.iss ?? s.issuer));
  return { userId, auth: staffOidcAuth(staffAssurance(claims)), redirectTo: safeRedirect(login.redirectTo, "/werk") };
}

/** The provider is the source of the member's roles and teams: they are set to what the groups give, at every login. */
async function applyRights(email: string, name: string, rights: MappedRights, issuer: string): Promise<string> {
  return db.transaction(async (tx) => {
    // Read in the transaction that may create or change the member (no race with a second login).
    const [existing] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    if (existing && !canLogIn(existing)) throw new DomainError("FORBIDDEN", E("inactive"));
    // A resident's account never becomes a staff account by an address match.
    if (existing && !isStaffRoles(existing.roles)) throw new DomainError("CONFLICT", E("residentAccount"));
    let userId: string;
    if (existing) {
      userId = existing.id;
      await tx.update(users).set({ roles: rights.roles, updatedAt: new Date() }).where(eq(users.id, userId));
    } else {
      const [made] = await tx.insert(users).values({ name, email, roles: rights.roles, claimedAt: new Date() }).returning({ id: users.id });
      userId = made.id;
    }
    const known = rights.teams.length ? await tx.select({ id: teams.id, slug: teams.slug }).from(teams).where(inArray(teams.slug, rights.teams)) : [];
    const unknownTeams = rights.teams.filter((t) => !known.some((k) => k.slug === t));
    if (unknownTeams.length) logger().warn({ teams: unknownTeams }, "STAFF_OIDC_GROUP_MAP names teams that do not exist");
    await tx.delete(teamMembers).where(eq(teamMembers.userId, userId));
    if (known.length) await tx.insert(teamMembers).values(known.map((t) => ({ teamId: t.id, userId, isLead: rights.leadOf.includes(t.slug) })));
    const before = existing ? { roles: existing.roles } : null;
    if (!existing || before?.roles.slice().sort().join(",") !== rights.roles.join(",")) {
      await recordAudit(
        {
          actorId: userId,
          action: "staff.sso-rights-applied",
          subjectUserId: userId,
          entityType: "user",
          entityId: userId,
          details: { issuer, roles: rights.roles, teams: known.map((t) => t.slug), leadOf: rights.leadOf, created: !existing },
        },
        tx,
      );
    }
    return userId;
  });
}

/** Where logging out sends a member who came in through the city's provider (RP-initiated logout), or undefined. */
export async function staffProviderLogoutUrl(user: CurrentUser | undefined): Promise<string | undefined> {
  const s = staffOidcSettings();
  if (!s || user?.session?.method !== "staff-oidc") return undefined;
  try {
    const config = await oidcConfiguration(s);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { client_id: s.clientId, post_logout_redirect_uri: `${env().PUBLIC_URL}/medewerkers/aanmelden` }).href;
  } catch {
    return undefined;
  }
}
