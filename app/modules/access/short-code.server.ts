import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { passes } from "../../../db/schema";
import { hitRateLimit } from "~/modules/platform/rate-limit.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { normaliseShortCode, shortCodeCheckOk } from "./short-code";

/** Guessing costs: this many look-ups per subject (kiosk, address) and minute (ACCESS_SHORT_CODES_PER_MINUTE, default 10). */
export const shortCodeRule = () => ({ name: "pass-short-code", limit: env().ACCESS_SHORT_CODES_PER_MINUTE, windowSeconds: 60 });

export type ShortCodeResolution =
  { ok: true; passId: string; token: string } | { ok: false; reason: "malformed" | "typo" | "unknown" } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * A typed short code → its pass (id and signed QR text), so the caller can treat it exactly
 * like a scanned QR. Format and check character are checked first, without a database call;
 * every look-up counts against `shortCodeRule()` for `subject` (the kiosk id, or the client
 * address on a page). Revoked, replaced and erased passes are not found.
 */
export async function resolveShortCode(code: string, subject = "global"): Promise<ShortCodeResolution> {
  const normalised = normaliseShortCode(code);
  if (!normalised) return { ok: false, reason: "malformed" };
  if (!shortCodeCheckOk(normalised)) return { ok: false, reason: "typo" };
  const limit = await hitRateLimit(shortCodeRule(), subject);
  if (!limit.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const [row] = await db
    .select({ id: passes.id, token: passes.token })
    .from(passes)
    .where(and(eq(passes.shortCode, normalised), isNull(passes.revokedAt), isNull(passes.anonymisedAt), isNotNull(passes.token)));
  if (!row?.token) return { ok: false, reason: "unknown" };
  return { ok: true, passId: row.id, token: row.token };
}
