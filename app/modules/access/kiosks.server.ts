import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { buildings, entrances, kiosks, type KioskMode } from "../../../db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/identity/users.server";
import { DomainError } from "~/modules/platform/errors";
import { hitRateLimit } from "~/modules/platform/rate-limit.server";
import { db } from "~/utils/db.server";
import { env, isProduction } from "~/utils/env.server";
import { assertCan } from "~/modules/identity/permissions";

export const assertAdmin = (actor: CurrentUser) => assertCan(actor, "admin.manage");

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest();

/**
 * The kiosk's own signed cookie (not a staff session): it holds only the kiosk id. Every
 * scan re-checks in the database that the kiosk is not revoked.
 */
let cookie: ReturnType<typeof createCookie> | undefined;
export function kioskCookie() {
  cookie ??= createCookie("__mechelaar_kiosk", {
    httpOnly: true,
    sameSite: "strict",
    secure: isProduction(),
    // Not "/kiosk": with JavaScript, Remix fetches "/kiosk.data", which that path would not match.
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    secrets: env().SESSION_SECRETS,
  });
  return cookie;
}

/** The kiosk id from the signed cookie, or undefined. No database call. */
export async function kioskIdFromRequest(request: Request): Promise<string | undefined> {
  return kioskIdFromCookieHeader(request.headers.get("Cookie"));
}

/** The same, from a raw Cookie header (the plain Express scan endpoint). */
export async function kioskIdFromCookieHeader(header: string | null | undefined): Promise<string | undefined> {
  if (!header || !header.includes("__mechelaar_kiosk=")) return undefined;
  const value = await kioskCookie().parse(header);
  return typeof value === "string" && /^[0-9a-f-]{36}$/.test(value) ? value : undefined;
}

/** Registers a kiosk; the credential is returned once and only its hash is kept. */
export async function registerKiosk(actor: CurrentUser, input: { entranceId: string; name: string; mode: KioskMode }) {
  assertAdmin(actor);
  const secret = randomBytes(24).toString("base64url");
  return db.transaction(async (tx) => {
    const [entrance] = await tx.select({ id: entrances.id }).from(entrances).where(eq(entrances.id, input.entranceId));
    if (!entrance) throw new DomainError("VALIDATION", "access:errors.entrance");
    const [row] = await tx
      .insert(kiosks)
      .values({ entranceId: input.entranceId, name: input.name, mode: input.mode, secretHash: hashSecret(secret).toString("hex"), createdBy: actor.id })
      .returning({ id: kiosks.id });
    await recordAudit(
      { actorId: actor.id, action: "access.kiosk.registered", entityType: "kiosk", entityId: row.id, details: { entranceId: input.entranceId, mode: input.mode } },
      tx,
    );
    return { kioskId: row.id, credential: `${row.id}.${secret}` };
  });
}

export async function revokeKiosk(actor: CurrentUser, kioskId: string) {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(kiosks)
      .set({ revokedAt: new Date() })
      .where(and(eq(kiosks.id, kioskId), isNull(kiosks.revokedAt)))
      .returning({ id: kiosks.id });
    if (!row) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    await recordAudit({ actorId: actor.id, action: "access.kiosk.revoked", entityType: "kiosk", entityId: kioskId }, tx);
  });
}

export async function listKiosks(actor: CurrentUser) {
  assertAdmin(actor);
  return db
    .select({
      id: kiosks.id,
      name: kiosks.name,
      mode: kiosks.mode,
      createdAt: kiosks.createdAt,
      revokedAt: kiosks.revokedAt,
      entranceName: entrances.name,
      buildingName: buildings.name,
    })
    .from(kiosks)
    .innerJoin(entrances, eq(entrances.id, kiosks.entranceId))
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .orderBy(asc(buildings.name), asc(kiosks.name));
}

/** Checks a credential typed or pasted at the kiosk; returns the kiosk id for the cookie. */
export async function loginKiosk(credential: string, clientIp: string): Promise<string> {
  const limit = await hitRateLimit({ name: "kiosk-login", limit: 20, windowSeconds: 15 * 60 }, clientIp);
  if (!limit.allowed) throw new DomainError("RATE_LIMITED", "access:kiosk.errors.rateLimited", { retryAfterSeconds: limit.retryAfterSeconds });
  const [id, secret] = credential.trim().split(".");
  if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw new DomainError("VALIDATION", "access:kiosk.errors.credential");
  const [row] = await db
    .select({ secretHash: kiosks.secretHash })
    .from(kiosks)
    .where(and(eq(kiosks.id, id), isNull(kiosks.revokedAt)));
  const expected = row ? Buffer.from(row.secretHash, "hex") : randomBytes(32);
  if (!timingSafeEqual(expected, hashSecret(secret)) || !row) throw new DomainError("VALIDATION", "access:kiosk.errors.credential");
  return id;
}

/**
 * Signing a kiosk out needs its credential again (the key the admin issued at registration,
 * which staff keep and a passer-by does not have): one tap is not enough. Rate-limited like
 * signing in. Throws a VALIDATION error when the key is not this kiosk's.
 */
export async function confirmKioskSignOut(kioskId: string, credential: string, clientIp: string): Promise<void> {
  const id = await loginKiosk(credential, clientIp);
  if (id.toLowerCase() !== kioskId.toLowerCase()) throw new DomainError("VALIDATION", "access:kiosk.errors.credential");
}

/** What the kiosk page shows about itself; undefined when unknown or revoked. */
export async function activeKiosk(kioskId: string) {
  const [row] = await db
    .select({ id: kiosks.id, name: kiosks.name, mode: kiosks.mode, entranceName: entrances.name, buildingName: buildings.name })
    .from(kiosks)
    .innerJoin(entrances, eq(entrances.id, kiosks.entranceId))
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .where(and(eq(kiosks.id, kioskId), sql`${kiosks.revokedAt} is null`));
  return row;
}
