import { sql } from "drizzle-orm";
import { z } from "zod";
import { SCAN_OUTCOMES, type OfflineConflictKind, type ScanOutcome } from "../../../db/schema";
import type { CurrentUser } from "~/modules/identity/users.server";
import { personNameOf } from "~/modules/identity/directory.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { DomainError } from "~/modules/platform/errors";
import { logger } from "~/modules/platform/logger.server";
import { hitRateLimit } from "~/modules/platform/rate-limit.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { assertAdmin } from "./kiosks.server";
import { keyRing } from "./keys.server";
import { checkPassToken } from "./pass-token.server";
import { CLOCK_TOLERANCE_SECONDS } from "./scan.server";
import { countOfflineConflict, countOfflineScan } from "~/server/metrics";

/**
 * Door kiosks that keep working without network (issue 19 item 2). The kiosk page keeps an
 * "offline bundle" (this building's public keys, revoked passes, used single-use passes and
 * multiple-entry passes: pass ids only, no names) and decides by itself while the network is
 * down (offline-kiosk.ts). Back online it sends its queue of scans here; the server records
 * them as offline scans and reports what it would have refused as conflicts.
 */

/** Bundle and sync calls per kiosk per minute: a kiosk refreshes every few minutes. */
export const OFFLINE_CALLS_PER_MINUTE = 30;
/** The most scans one sync call carries; the kiosk sends a longer queue in parts. */
export const MAX_SYNC_SCANS = 200;

export type OfflineBundle = {
  kioskId: string;
  mode: "entry" | "exit";
  buildingCode: number;
  /** Ed25519 public keys (JWK `x`, base64url) that sign passes; retired keys are left out. */
  keys: { kid: number; x: string }[];
  /** Pass ids of this building, only those whose window is not over. */
  revoked: string[];
  used: string[];
  multipleEntry: string[];
  offlineHours: number;
  clockToleranceSeconds: number;
  issuedAt: string;
};

type KioskRow = { id: string; mode: "entry" | "exit"; building_id: string; building_code: number };

async function activeKioskBuilding(kioskId: string): Promise<KioskRow | undefined> {
  const rows = await db.execute<KioskRow>(sql`
    select k.id, k.mode, e.building_id, b.code as building_code
    from access_kiosks k join access_entrances e on e.id = k.entrance_id join access_buildings b on b.id = e.building_id
    where k.id = ${kioskId} and k.revoked_at is null`);
  return rows[0];
}

export type OfflineCall<T> = { status: "ok"; body: T } | { status: "kiosk_revoked" } | { status: "rate_limited"; retryAfterSeconds: number };

async function limited(kioskId: string, name: string) {
  return hitRateLimit({ name, limit: OFFLINE_CALLS_PER_MINUTE, windowSeconds: 60 }, kioskId);
}

/** What the kiosk keeps for working without network. Nothing about visitors but pass ids. */
export async function offlineBundle(kioskId: string): Promise<OfflineCall<OfflineBundle>> {
  const limit = await limited(kioskId, "kiosk-offline-bundle");
  if (!limit.allowed) return { status: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const kiosk = await activeKioskBuilding(kioskId);
  if (!kiosk) return { status: "kiosk_revoked" };
  const hours = env().ACCESS_KIOSK_OFFLINE_HOURS;
  const rows = await db.execute<{ id: string; kind: "revoked" | "used" | "multiple" }>(sql`
    select id, case when revoked_at is not null then 'revoked' when remaining_entries is null then 'multiple' else 'used' end as kind
    from access_passes
    where building_id = ${kiosk.building_id}
      and valid_until > now() - make_interval(secs => ${CLOCK_TOLERANCE_SECONDS})
      and valid_from < now() + make_interval(secs => ${Math.ceil(hours * 3600) + CLOCK_TOLERANCE_SECONDS})
      and (revoked_at is not null or remaining_entries is null or remaining_entries <= 0)`);
  const ids = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const keys = [...keyRing().byKid.values()].filter((k) => !k.retired).map((k) => ({ kid: k.kid, x: String(k.publicKey.export({ format: "jwk" }).x) }));
  return {
    status: "ok",
    body: {
      kioskId: kiosk.id,
      mode: kiosk.mode,
      buildingCode: kiosk.building_code,
      keys,
      revoked: ids("revoked"),
      used: ids("used"),
      multipleEntry: ids("multiple"),
      offlineHours: hours,
      clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
      issuedAt: new Date().toISOString(),
    },
  };
}

/** One scan decided by the kiosk itself. `outcome` is what the kiosk showed; not_city_code scans are not recorded (as online). */
const offlineScan = z.object({
  id: z.string().uuid(),
  code: z.string().min(1).max(1000),
  at: z.string().datetime({ offset: true }),
  outcome: z.enum([...SCAN_OUTCOMES, "not_city_code"]),
});
export const offlineSyncSchema = z.object({ scans: z.array(offlineScan).min(1).max(MAX_SYNC_SCANS) });
export type OfflineSyncInput = z.infer<typeof offlineSyncSchema>;

export type SyncResult = {
  /** Every scan id the server has now dealt with (recorded, already recorded, or not a city code): the kiosk drops them from its queue. */
  acknowledged: string[];
  recorded: number;
  duplicates: number;
  skipped: number;
  conflicts: number;
};

/**
 * Records a kiosk's offline scans, each once (the kiosk's scan id), with the kiosk's time and
 * marked offline. An offline "welcome" uses up an entry like an online one; when the pass had
 * none left (another kiosk let it in, or it was used online) or was revoked before the visit,
 * the scan is still recorded (the visitor did go in) and a conflict is reported to admins.
 * One transaction; each pass row is locked while its scan is applied, so two kiosks syncing
 * the same pass at the same moment still give one admission and one conflict.
 */
export async function syncOfflineScans(kioskId: string, input: OfflineSyncInput): Promise<OfflineCall<SyncResult>> {
  const limit = await limited(kioskId, "kiosk-offline-sync");
  if (!limit.allowed) return { status: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const kiosk = await activeKioskBuilding(kioskId);
  if (!kiosk) return { status: "kiosk_revoked" };
  const result: SyncResult = { acknowledged: [], recorded: 0, duplicates: 0, skipped: 0, conflicts: 0 };
  const now = Date.now();
  await db.transaction(async (tx) => {
    for (const scan of input.scans) {
      result.acknowledged.push(scan.id);
      const token = checkPassToken(scan.code);
      // Forged or unreadable codes reach no table, online or offline.
      if (!token.ok || scan.outcome === "not_city_code") {
        result.skipped++;
        continue;
      }
      // The kiosk's clock, but never in the future.
      const at = new Date(Math.min(Date.parse(scan.at), now)).toISOString();
      const [pass] = await tx.execute<{ id: string; building_id: string; remaining_entries: number | null; revoked_at: string | null }>(
        sql`select id, building_id, remaining_entries, revoked_at from access_passes where id = ${token.passId} for update`,
      );
      if (!pass) {
        result.skipped++;
        continue;
      }
      // A kiosk lets in only its own building's passes (the signed building code); a claim otherwise changes nothing.
      const outcome: ScanOutcome = pass.building_id !== kiosk.building_id && (scan.outcome === "welcome" || scan.outcome === "goodbye") ? "wrong_building" : scan.outcome;
      const direction = kiosk.mode === "exit" ? "out" : "in";
      const [inserted] = await tx.execute<{ id: string }>(sql`
        insert into access_scans (pass_id, kiosk_id, building_id, direction, outcome, at, offline, client_scan_id, synced_at)
        values (${pass.id}, ${kiosk.id}, ${kiosk.building_id}, ${direction}, ${outcome}, ${at}, true, ${scan.id}, now())
        on conflict (kiosk_id, client_scan_id) where client_scan_id is not null do nothing
        returning id`);
      if (!inserted) {
        result.duplicates++;
        continue;
      }
      result.recorded++;
      countOfflineScan(outcome);
      if (outcome === "goodbye") {
        await tx.execute(sql`update access_passes set inside = false where id = ${pass.id}`);
        continue;
      }
      if (outcome !== "welcome") continue;
      let conflict: OfflineConflictKind | undefined;
      if (pass.revoked_at && Date.parse(pass.revoked_at) <= Date.parse(at)) conflict = "revoked";
      else if (pass.remaining_entries !== null && pass.remaining_entries <= 0) conflict = "used_twice";
      // Inside, unless the visitor was seen leaving (or trying to, at an exit kiosk that did not know of the entry) since.
      await tx.execute(sql`
        update access_passes set
          inside = not exists (select 1 from access_scans s where s.pass_id = ${pass.id} and s.direction = 'out' and s.outcome in ('goodbye', 'not_inside') and s.at > ${at}),
          remaining_entries = case when remaining_entries is null then null else greatest(remaining_entries - 1, 0) end
        where id = ${pass.id}`);
      if (conflict) {
        await tx.execute(sql`insert into access_offline_conflicts (pass_id, scan_id, kind) values (${pass.id}, ${inserted.id}, ${conflict})`);
        result.conflicts++;
        countOfflineConflict(conflict);
      }
    }
  });
  if (result.conflicts) logger().warn({ kioskId, conflicts: result.conflicts }, "offline kiosk scans in conflict");
  return { status: "ok", body: result };
}

export type OfflineConflict = {
  id: string;
  kind: OfflineConflictKind;
  scannedAt: string;
  detectedAt: string;
  passRef: string;
  visitorName: string | null;
  buildingName: string;
  kiosks: string;
  /** When an admin closed it, and who; null while it is open. */
  handled: { at: string; byName: string | null } | null;
};

/**
 * The conflicts for the admins' page, open ones first, then the latest handled ones: when,
 * which pass (and visitor, until erased), which kiosks let it in, and who closed it.
 */
export async function listOfflineConflicts(actor: CurrentUser, limit = 50): Promise<OfflineConflict[]> {
  assertAdmin(actor);
  const rows = await db.execute<{
    id: string;
    kind: OfflineConflictKind;
    scanned_at: Date | string;
    detected_at: Date | string;
    pass_id: string;
    visitor_name: string | null;
    building_name: string;
    kiosks: string | null;
    handled_at: Date | string | null;
    handled_by_name: string | null;
  }>(sql`
    select c.id, c.kind, s.at as scanned_at, c.detected_at, c.pass_id, p.visitor_name, b.name as building_name,
      c.handled_at, ${personNameOf(sql`c.handled_by`)} as handled_by_name,
      (select string_agg(distinct k.name, ', ' order by k.name) from access_scans s2 join access_kiosks k on k.id = s2.kiosk_id
        where s2.pass_id = c.pass_id and s2.outcome = 'welcome') as kiosks
    from access_offline_conflicts c
    join access_scans s on s.id = c.scan_id
    join access_passes p on p.id = c.pass_id
    join access_buildings b on b.id = p.building_id
    order by c.handled_at is not null, c.detected_at desc, c.id
    limit ${limit}`);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    scannedAt: new Date(r.scanned_at).toISOString(),
    detectedAt: new Date(r.detected_at).toISOString(),
    passRef: r.pass_id.slice(0, 8).toUpperCase(),
    visitorName: r.visitor_name,
    buildingName: r.building_name,
    kiosks: r.kiosks ?? "",
    handled: r.handled_at ? { at: new Date(r.handled_at).toISOString(), byName: r.handled_by_name } : null,
  }));
}

/**
 * An admin closes a conflict once they have looked into it (asked the host, checked the
 * presence list); audited. Closing one that is closed already changes nothing.
 */
export async function markOfflineConflictHandled(actor: CurrentUser, conflictId: string): Promise<void> {
  assertAdmin(actor);
  await db.transaction(async (tx) => {
    const [found] = await tx.execute<{ id: string; handled: boolean }>(
      sql`select id, handled_at is not null as handled from access_offline_conflicts where id = ${conflictId} for update`,
    );
    if (!found) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    if (found.handled) return;
    await tx.execute(sql`update access_offline_conflicts set handled_at = now(), handled_by = ${actor.id} where id = ${conflictId}`);
    await recordAudit({ actorId: actor.id, action: "access.offline-conflict.handled", entityType: "offline_conflict", entityId: conflictId }, tx);
  });
}
