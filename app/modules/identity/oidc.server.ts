import { createHmac, createPrivateKey } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { and, eq, gt, lt } from "drizzle-orm";
import * as client from "openid-client";
import { oidcLogins, residentIdentities, users, type AssuranceLevel } from "../../../db/schema";
import { DomainError } from "~/modules/platform/errors";
import { logger } from "~/modules/platform/logger.server";
import { db } from "~/utils/db.server";
import { env, isProduction, oidcSettings, type OidcSettings } from "~/utils/env.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { requestLoginCode, verifyLoginCode } from "./auth.server";
import type { SessionAuth } from "./sessions.server";
import { canLogIn, findUserByEmail, isStaffRoles, type CurrentUser } from "./users.server";

/**
 * Resident login with itsme or eID through an OpenID Connect provider (the Flemish ACM/IDM in
 * production, the local provider in development): authorization code flow with PKCE, state and
 * nonce, checked by openid-client (issuer, audience, signature, expiry with a clock tolerance).
 * The national register number is kept only as an HMAC (docs/decisions/018-identity-oidc.md).
 */

export const OIDC_LOGIN_SECONDS = 10 * 60;
const CALLBACK_PATH = "/aanmelden/eid/terug";
const E = (k: string) => `auth:eid.errors.${k}`;

export const oidcEnabled = () => oidcSettings() !== undefined;

const configs = new Map<string, Promise<client.Configuration>>();

/**
 * A provider's configuration (discovery), fetched once per provider and client (the residents'
 * and, with staff single sign-on, the city's); a failure is retried at the next login.
 */
export async function oidcConfiguration(s: OidcSettings): Promise<client.Configuration> {
  const key = `${s.issuer}|${s.clientId}`;
  let config = configs.get(key);
  // clockTolerance: a small difference between our clock and the provider's is accepted (iat, exp, nbf).
  if (!config) {
    const insecure = new URL(s.issuer).protocol === "http:" && !isProduction();
    const made = (
      s.privateKey ? importPrivateKey(s.privateKey, s.privateKeyAlg).then((key) => client.PrivateKeyJwt(key)) : Promise.resolve(client.ClientSecretBasic(s.clientSecret))
    ).then((auth) =>
      client.discovery(new URL(s.issuer), s.clientId, { [client.clockTolerance]: s.clockTolerance }, auth, {
        execute: insecure ? [client.allowInsecureRequests] : [],
        timeout: 10,
      }),
    );
    configs.set(key, made);
    made.catch(() => {
      if (configs.get(key) === made) configs.delete(key);
    });
    config = made;
  }
  return config;
}
const configuration = oidcConfiguration;

/** private_key_jwt: openid-client signs its client assertion with a WebCrypto key. */
function importPrivateKey(pem: string, alg: string): Promise<client.CryptoKey> {
  const der = createPrivateKey(pem).export({ format: "der", type: "pkcs8" });
  const algorithm =
    alg === "ES256" ? { name: "ECDSA", namedCurve: "P-256" } : alg === "PS256" ? { name: "RSA-PSS", hash: "SHA-256" } : { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  return crypto.subtle.importKey("pkcs8", der, algorithm, false, ["sign"]);
}

/** Binds a login in progress to the browser that started it: the signed state, for ten minutes. */
let stateCookie: ReturnType<typeof createCookie> | undefined;
export function oidcStateCookie() {
  stateCookie ??= createCookie("__mechelaar_oidc", {
    httpOnly: true,
    // The provider sends the browser back with a top-level GET: Lax cookies come along.
    sameSite: "lax",
    secure: isProduction(),
    path: "/aanmelden/eid",
    maxAge: OIDC_LOGIN_SECONDS,
    secrets: env().SESSION_SECRETS,
  });
  return stateCookie;
}

const callbackUrl = () => `${env().PUBLIC_URL}${CALLBACK_PATH}`;

/** Starts a login: stores state, nonce and PKCE verifier, and gives the provider's address. */
export async function startOidcLogin(rawRedirectTo: string | null): Promise<{ url: string; cookie: string }> {
  const s = oidcSettings();
  if (!s) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  let config: client.Configuration;
  try {
    config = await configuration(s);
  } catch (err) {
    logger().warn({ err: (err as Error).message }, "OIDC discovery failed");
    throw new DomainError("INVALID_STATE", E("unavailable"));
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const redirectTo = safeRedirect(rawRedirectTo, "/mijn");
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
  return { url: url.href, cookie: await oidcStateCookie().serialize(state) };
}

/** eIDAS level from the `acr` claim: "high"/"hoog" is high; any other eID/itsme login is substantial. */
export function assuranceFromAcr(acr: unknown): Exclude<AssuranceLevel, "low"> {
  return typeof acr === "string" && /(high|hoog)\b/i.test(acr) ? "high" : "substantial";
}

/** The keyed hash that recognises a person: HMAC-SHA256 of the national register number (digits only). */
export function subjectHash(nationalNumber: string, secret = oidcSettings()?.subjectHashSecret ?? "") {
  return createHmac("sha256", secret)
    .update(`rrn:${nationalNumber.replace(/\D/g, "")}`)
    .digest("hex");
}

export type EidIdentity = { issuer: string; subjectHash: string; name: string; assurance: Exclude<AssuranceLevel, "low">; email: string | null; emailVerified: boolean };

function identityFrom(claims: Record<string, unknown>, s: OidcSettings): EidIdentity {
  const rrn = claims[s.nationalNumberClaim];
  const issuer = String(claims.iss);
  const hash =
    typeof rrn === "string" && /\d{11}/.test(rrn.replace(/\D/g, ""))
      ? subjectHash(rrn, s.subjectHashSecret)
      : createHmac("sha256", s.subjectHashSecret)
          .update(`sub:${issuer}:${String(claims.sub)}`)
          .digest("hex");
  const given = typeof claims.given_name === "string" ? claims.given_name : "";
  const family = typeof claims.family_name === "string" ? claims.family_name : "";
  const name = (typeof claims.name === "string" && claims.name.trim()) || `${given} ${family}`.trim() || "—";
  const email = typeof claims.email === "string" && claims.email.includes("@") ? claims.email.trim().toLowerCase() : null;
  return { issuer, subjectHash: hash, name: name.slice(0, 200), assurance: assuranceFromAcr(claims.acr), email, emailVerified: claims.email_verified === true };
}

export const oidcAuth = (assurance: AssuranceLevel): SessionAuth => ({ method: "oidc", assurance, secondFactor: null });

export type OidcOutcome = { kind: "session"; userId: string; auth: SessionAuth; redirectTo: string } | { kind: "confirm-email"; pending: PendingEidLink };

/**
 * Finishes a login at the callback. The state row is deleted as it is read, so a state works
 * once; openid-client then checks the response's state and issuer, exchanges the code with the
 * PKCE verifier and checks the id_token (signature, issuer, audience, nonce, expiry).
 */
export async function finishOidcLogin(request: Request, currentUser: CurrentUser | undefined, ip: string): Promise<OidcOutcome> {
  const s = oidcSettings();
  if (!s) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  const cookieState: unknown = await oidcStateCookie().parse(request.headers.get("Cookie"));
  if (typeof cookieState !== "string" || !cookieState) throw new DomainError("VALIDATION", E("expired"));
  const [login] = await db
    .delete(oidcLogins)
    .where(and(eq(oidcLogins.state, cookieState), gt(oidcLogins.expiresAt, new Date())))
    .returning();
  if (!login) throw new DomainError("VALIDATION", E("expired"));

  const incoming = new URL(request.url);
  const current = new URL(callbackUrl());
  current.search = incoming.search;
  let claims: Record<string, unknown>;
  try {
    const config = await configuration(s);
    const tokens = await client.authorizationCodeGrant(
      config,
      current,
      { pkceCodeVerifier: login.codeVerifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true },
      { redirect_uri: callbackUrl() },
    );
    claims = { ...(tokens.claims() as Record<string, unknown>) };
    // Some providers (and the local one) give the profile only at the userinfo endpoint.
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims };
    }
  } catch (err) {
    // Never the token or the claims in the log: only what kind of check failed.
    logger().warn({ err: (err as Error).message, code: (err as { code?: string }).code }, "OIDC login refused");
    throw new DomainError("VALIDATION", E("failed"));
  }
  const identity = identityFrom(claims, s);
  return linkOrLogIn(identity, currentUser, login.redirectTo, ip);
}

async function linkOrLogIn(identity: EidIdentity, currentUser: CurrentUser | undefined, redirectTo: string, ip: string): Promise<OidcOutcome> {
  const [known] = await db
    .select({ userId: residentIdentities.userId, active: users.active, isDemo: users.isDemo })
    .from(residentIdentities)
    .innerJoin(users, eq(users.id, residentIdentities.userId))
    .where(eq(residentIdentities.subjectHash, identity.subjectHash));
  if (known) {
    if (!canLogIn(known)) throw new DomainError("FORBIDDEN", "common:errors.forbidden.title");
    await db
      .update(residentIdentities)
      .set({ lastLoginAt: new Date(), assurance: identity.assurance, name: identity.name })
      .where(eq(residentIdentities.subjectHash, identity.subjectHash));
    return { kind: "session", userId: known.userId, auth: oidcAuth(identity.assurance), redirectTo };
  }

  // A resident signed in with an e-mail code steps up: that code confirmed their address in
  // this very session, so this identity is linked to them.
  if (currentUser && !currentUser.isStaff && currentUser.session?.method === "email-code") {
    await linkIdentity(currentUser.id, identity);
    return { kind: "session", userId: currentUser.id, auth: oidcAuth(identity.assurance), redirectTo };
  }

  const match = identity.email ? await findUserByEmail(identity.email) : undefined;
  if (match && canLogIn(match) && match.roles.includes("resident") && !isStaffRoles(match.roles)) {
    // The address belongs to an account: link only after its owner confirms it with a code.
    await requestLoginCode(match.email!, ip);
    return { kind: "confirm-email", pending: { ...identity, userId: match.id, email: match.email!, redirectTo, at: Date.now() } };
  }

  // A new resident. The address is kept only when the provider verified it and nobody uses it.
  const userId = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ name: identity.name, email: identity.emailVerified && !match ? identity.email : null, roles: ["resident"], claimedAt: new Date() })
      .returning({ id: users.id });
    await tx.insert(residentIdentities).values({ userId: user.id, issuer: identity.issuer, subjectHash: identity.subjectHash, name: identity.name, assurance: identity.assurance });
    return user.id;
  });
  return { kind: "session", userId, auth: oidcAuth(identity.assurance), redirectTo };
}

async function linkIdentity(userId: string, identity: EidIdentity) {
  const [linked] = await db
    .insert(residentIdentities)
    .values({ userId, issuer: identity.issuer, subjectHash: identity.subjectHash, name: identity.name, assurance: identity.assurance })
    .onConflictDoNothing()
    .returning({ userId: residentIdentities.userId });
  if (!linked) throw new DomainError("CONFLICT", E("alreadyLinked"));
}

/** A first eID login waiting for its e-mail address to be confirmed with a code (signed cookie, 15 minutes). */
export type PendingEidLink = EidIdentity & { userId: string; email: string; redirectTo: string; at: number };
export const PENDING_LINK_SECONDS = 15 * 60;

let linkCookie: ReturnType<typeof createCookie> | undefined;
export function pendingEidLinkCookie() {
  linkCookie ??= createCookie("__mechelaar_eid_link", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/aanmelden",
    maxAge: PENDING_LINK_SECONDS,
    secrets: env().SESSION_SECRETS,
  });
  return linkCookie;
}

export async function readPendingEidLink(request: Request): Promise<PendingEidLink | null> {
  const value: unknown = await pendingEidLinkCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const p = value as Partial<PendingEidLink>;
  if (typeof p.userId !== "string" || typeof p.subjectHash !== "string" || typeof p.email !== "string" || typeof p.at !== "number") return null;
  if (Date.now() - p.at > PENDING_LINK_SECONDS * 1000) return null;
  return p as PendingEidLink;
}

/** Confirms the address with the mailed code, then links the eID identity to that account. */
export async function confirmEidLink(pending: PendingEidLink, code: string, ip: string): Promise<{ userId: string; auth: SessionAuth; redirectTo: string }> {
  const user = await verifyLoginCode(pending.email, code, ip);
  if (user.id !== pending.userId) throw new DomainError("VALIDATION", "auth:errors.codeWrong");
  await linkIdentity(user.id, pending);
  return { userId: user.id, auth: oidcAuth(pending.assurance), redirectTo: safeRedirect(pending.redirectTo, "/mijn") };
}

/**
 * Where logging out sends a resident who logged in with eID: the provider's end-session
 * endpoint (RP-initiated logout), which comes back to the login page. Undefined otherwise.
 */
export async function providerLogoutUrl(user: CurrentUser | undefined): Promise<string | undefined> {
  const s = oidcSettings();
  if (!s || user?.session?.method !== "oidc") return undefined;
  try {
    const config = await configuration(s);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(config, { client_id: s.clientId, post_logout_redirect_uri: `${env().PUBLIC_URL}/aanmelden?afgemeld=1` }).href;
  } catch {
    return undefined;
  }
}
