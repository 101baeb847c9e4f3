import type { Sql } from "postgres";
import type { ScanOutcome } from "../../../db/schema";
import { enqueueMail } from "~/modules/notify/outbox.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { fixedT } from "~/utils/i18next.server";
import { checkPassToken } from "./pass-token.server";
import { looksLikeShortCode } from "./short-code";
import { resolveShortCode } from "./short-code.server";
import { formatDateTime } from "./time";
import { countKioskScan } from "~/server/metrics";

/** Kiosk and server clocks differ a little; a pass opens this long before and after its window. */
export const CLOCK_TOLERANCE_SECONDS = 120;

export type KioskAnswer =
  | { outcome: Exclude<ScanOutcome, "welcome" | "goodbye">; hostName?: undefined; visitorName?: undefined }
  | { outcome: "welcome" | "goodbye"; hostName: string; visitorName: string }
  | { outcome: "not_city_code" | "short_code_typo" | "kiosk_revoked" | "rate_limited"; hostName?: undefined; visitorName?: undefined };
export type KioskOutcome = KioskAnswer["outcome"];

type Row = {
  hits: number;
  kiosk_active: boolean;
  outcome: ScanOutcome | null;
  was_inside: boolean | null;
  visitor_name: string | null;
  host_name: string | null;
  host_email: string | null;
  host_language: string | null;
  building_name: string | null;
};

/** The postgres.js client under drizzle (`drizzle()` returns it as `$client`; its type omits it). */
const pg = () => (db as unknown as { $client: Sql }).$client;

/** The per-kiosk scan limit counts per fixed minute; same key and window as `hitRateLimit`. */
const SCAN_WINDOW_MS = 60_000;

/**
 * One scan at a kiosk. The signature is checked first, in memory: a forged, altered or
 * truncated code never reaches the database. Then ONE statement (one round trip, its own
 * transaction) counts the scan against the kiosk's rate limit, checks the kiosk, building,
 * window, revocation and remaining entries, updates the pass and records the scan. Row
 * locking makes a single-use pass open once, even when two kiosks scan it at the same moment.
 *
 * Durability: a scan that uses up an entry or changes who is inside commits synchronously.
 * Others (refusals, the rate-limit count, a multiple-entry pass scanned again while inside)
 * commit asynchronously: a crash of PostgreSQL may lose the last fraction of a second of those
 * log rows, which changes nothing a pass allows. Under load this keeps the kiosk's rate-limit
 * row from being locked for a disk flush on every scan.
 */
export async function scanAtKiosk(kioskId: string, text: string): Promise<KioskAnswer> {
  const answer = await scan(kioskId, text);
  countKioskScan(answer.outcome);
  return answer;
}

async function scan(kioskId: string, typed: string): Promise<KioskAnswer> {
  let text = typed;
  // The manual fallback: a typed short code becomes the pass's signed QR text, then the same path.
  if (looksLikeShortCode(typed)) {
    const resolved = await resolveShortCode(typed, `kiosk:${kioskId.toLowerCase()}`);
    if (!resolved.ok) return { outcome: resolved.reason === "rate_limited" ? "rate_limited" : resolved.reason === "typo" ? "short_code_typo" : "not_city_code" };
    text = resolved.token;
  }
  const token = checkPassToken(text);
  if (!token.ok) return { outcome: "not_city_code" };

  const limit = env().ACCESS_KIOSK_SCANS_PER_MINUTE;
  const windowStart = new Date(Math.floor(Date.now() / SCAN_WINDOW_MS) * SCAN_WINDOW_MS).toISOString();
  const rateKey = `kiosk-scan:${kioskId.toLowerCase()}`;
  const tol = CLOCK_TOLERANCE_SECONDS;
  // postgres.js itself (not drizzle's execute): a named prepared statement, so PostgreSQL plans
  // this statement once per connection instead of on every scan (planning it costs more than running it).
  const rows = await pg()<Row[]>`
    with rl as (
      insert into rate_limits (key, window_start, hits) values (${rateKey}, ${windowStart}, 1)
      on conflict (key, window_start) do update set hits = rate_limits.hits + 1
      returning hits
    ),
    k as (
      select k.id, k.mode, e.building_id from access_kiosks k join access_entrances e on e.id = k.entrance_id
      where k.id = ${kioskId} and k.revoked_at is null
    ),
    -- Over the limit: the kiosk does nothing more (no pass change, no scan recorded).
    ok as (select k.* from k where (select hits from rl) <= ${limit}),
    cur as (select * from access_passes where id = ${token.passId}),
    entered as (
      update access_passes p set
        remaining_entries = case when p.remaining_entries is null then null else p.remaining_entries - 1 end,
        inside = true
      from ok k
      where k.mode = 'entry' and p.id = ${token.passId} and p.building_id = k.building_id and p.revoked_at is null
        and now() >= p.valid_from - make_interval(secs => ${tol})
        and now() <= p.valid_until + make_interval(secs => ${tol})
        and (p.remaining_entries is null or p.remaining_entries > 0)
      returning p.id
    ),
    left_building as (
      update access_passes p set inside = false
      from ok k
      where k.mode = 'exit' and p.id = ${token.passId} and p.building_id = k.building_id and p.inside
      returning p.id
    ),
    decided as (
      select k.id as kiosk_id, k.building_id, k.mode, cur.id as pass_id, cur.inside as was_inside, case
        when exists (select 1 from entered) then 'welcome'
        when exists (select 1 from left_building) then 'goodbye'
        when cur.building_id <> k.building_id then 'wrong_building'
        when k.mode = 'exit' then 'not_inside'
        when cur.revoked_at is not null then 'revoked'
        when now() < cur.valid_from - make_interval(secs => ${tol}) then 'not_yet_valid'
        when now() > cur.valid_until + make_interval(secs => ${tol}) then 'expired'
        else 'already_used' end as outcome
      from ok k join cur on true
    ),
    logged as (
      insert into access_scans (pass_id, kiosk_id, building_id, direction, outcome)
      select pass_id, kiosk_id, building_id, case when mode = 'exit' then 'out' else 'in' end, outcome from decided
      returning id
    )
    select rl.hits, k.id is not null as kiosk_active, d.outcome, d.was_inside, cur.visitor_name, u.name as host_name,
      u.email as host_email, u.preferred_language as host_language, b.name as building_name,
      -- Read at commit: a scan that changes what a pass allows or who is inside waits for the disk;
      -- one that changes nothing of the sort (a refusal, a multiple-entry pass already inside) does not.
      set_config('synchronous_commit', case
        when d.outcome = 'goodbye' or (d.outcome = 'welcome' and not (cur.inside and cur.remaining_entries is null)) then 'on'
        else 'off' end, true) as commit_mode
    from rl
    left join k on true
    left join access_buildings b on b.id = k.building_id
    left join decided d on true
    left join cur on d.pass_id is not null
    left join access_invitations i on i.id = cur.invitation_id
    left join users u on u.id = i.host_id`;
  const row = rows[0];
  if (!row || Number(row.hits) > limit) return { outcome: "rate_limited" };
  if (!row.kiosk_active) return { outcome: "kiosk_revoked" };
  if (!row.outcome) return { outcome: "not_city_code" };
  if (row.outcome === "welcome" || row.outcome === "goodbye") {
    const visitorName = row.visitor_name ?? "";
    if (row.outcome === "welcome" && !row.was_inside && row.host_email) {
      // A second statement, only on arrival: the door has opened and the scan is recorded either
      // way; the host also sees the arrival on their page, so a lost notice (crash in between) is rare and harmless.
      const t = fixedT(row.host_language ?? "nl", "access");
      const vars = {
        visitor: visitorName,
        building: row.building_name ?? "",
        time: formatDateTime(new Date(), row.host_language ?? "nl"),
        url: `${env().PUBLIC_URL}/werk/bezoekers`,
      };
      const mail = {
        to: row.host_email,
        subject: t("mail.arrival.subject", vars),
        text: t("mail.arrival.body", vars),
        template: "access.arrival",
        language: row.host_language ?? "nl",
      };
      await db.transaction((tx) => enqueueMail(mail, tx));
    }
    return { outcome: row.outcome, hostName: row.host_name ?? "", visitorName };
  }
  return { outcome: row.outcome } as KioskAnswer;
}
