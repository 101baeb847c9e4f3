import { sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "~/utils/db.server";
import { suppressSmallGroup } from "./suppress";
import { hasDemoData } from "./demo-history.server";
import { round, type DataTable } from "./tables";

/**
 * The public figures ("Dienstverlening in cijfers") and the open-data datasets: the same
 * queries, for one period as a whole (the page) or per month (open data). Every row whose
 * group is smaller than MIN_GROUP is suppressed.
 */

export type Grain = "period" | "month";
type Range = { from: string; to: string; grain: Grain };

const monthCol = (g: Grain, col: SQL) => (g === "month" ? sql`to_char(${col}, 'YYYY-MM')` : sql`''`);

async function rows<T>(conn: DbOrTx, q: SQL): Promise<T[]> {
  return (await conn.execute(q)) as unknown as T[];
}

const withMonth = (g: Grain, cols: string[]) => (g === "month" ? ["month", ...cols] : cols);
const dropMonth = <R extends Record<string, unknown>>(g: Grain, r: R) => {
  if (g === "month") return r;
  const { month: _m, ...rest } = r;
  return rest;
};

/** Per service: cases closed, median lead time against the norm, share on time (withdrawn cases left out). */
export async function publicLeadTimes(r: Range, conn: DbOrTx): Promise<DataTable> {
  const data = await rows<{ month: string; service: string; slug: string; norm_days: number | null; closed_cases: number; median_days: number; on_time_pct: number }>(
    conn,
    sql`
    select ${monthCol(r.grain, sql`f.closed_day`)} as month, s.title as service, s.slug, coalesce(d.norm_days, s.processing_time_days) as norm_days,
           count(*)::int as closed_cases,
           percentile_cont(0.5) within group (order by f.lead_days) as median_days,
           100.0 * avg(case when f.on_time then 1 else 0 end) as on_time_pct
    from insights_case_facts f join services s on s.id = f.service_id left join case_definitions d on d.service_id = f.service_id
    where f.closed_day between ${r.from}::date and ${r.to}::date and f.result is distinct from 'ingetrokken'
    group by 1, s.title, s.slug, d.norm_days, s.processing_time_days order by 1, s.title`,
  );
  return {
    id: "doorlooptijden",
    columns: withMonth(r.grain, ["service", "slug", "norm_days", "closed_cases", "median_days", "on_time_pct", "suppressed"]),
    rows: data.map((x) =>
      dropMonth(r.grain, suppressSmallGroup({ ...x, median_days: round(x.median_days), on_time_pct: round(x.on_time_pct, 0) }, "closed_cases", ["median_days", "on_time_pct"])),
    ),
  };
}

/** Per desk theme: visitors served and their average waiting time in minutes. */
export async function publicWaitingTimes(r: Range, conn: DbOrTx): Promise<DataTable> {
  const data = await rows<{ month: string; theme: string; served: number; avg_wait_min: number | null }>(
    conn,
    sql`
    select ${monthCol(r.grain, sql`h.day`)} as month, t.name->>'nl' as theme, sum(h.wait_n)::int as served,
           sum(h.wait_sum)::float8 / nullif(sum(h.wait_n), 0) / 60 as avg_wait_min
    from insights_counter_hourly h join desk_themes t on t.id = h.theme_id
    where h.day between ${r.from}::date and ${r.to}::date
    group by 1, t.name->>'nl', t.sort_order order by 1, t.sort_order`,
  );
  return {
    id: "wachttijden-loket",
    columns: withMonth(r.grain, ["theme", "served", "avg_wait_min", "suppressed"]),
    rows: data.map((x) => dropMonth(r.grain, suppressSmallGroup({ ...x, avg_wait_min: round(x.avg_wait_min) }, "served", ["avg_wait_min"]))),
  };
}

/** Satisfaction (1–5) per channel: ratings of closed cases and of contact moments together. */
export async function publicSatisfaction(r: Range, conn: DbOrTx): Promise<DataTable> {
  const data = await rows<{ month: string; channel: string; ratings: number; average_score: number | null }>(
    conn,
    sql`
    with s as (
      select ${monthCol(r.grain, sql`f.closed_day`)} as month, f.channel, count(*)::int as n, sum(f.satisfaction_score)::int as total
      from insights_case_facts f
      where f.closed_day between ${r.from}::date and ${r.to}::date and f.satisfaction_score is not null group by 1, 2
      union all
      select ${monthCol(r.grain, sql`c.day`)}, c.channel, sum(c.sat_n)::int, sum(c.sat_sum)::int
      from insights_contact_daily c where c.day between ${r.from}::date and ${r.to}::date group by 1, 2)
    select month, channel, sum(n)::int as ratings, sum(total)::float8 / nullif(sum(n), 0) as average_score
    from s group by month, channel having sum(n) > 0 order by month, channel`,
  );
  return {
    id: "tevredenheid",
    columns: withMonth(r.grain, ["channel", "ratings", "average_score", "suppressed"]),
    rows: data.map((x) => dropMonth(r.grain, suppressSmallGroup({ ...x, average_score: round(x.average_score, 1) }, "ratings", ["average_score"]))),
  };
}

/** Per service: requests received and the share filed online (digital take-up). */
export async function publicDigitalTakeUp(r: Range, conn: DbOrTx): Promise<DataTable> {
  const data = await rows<{ month: string; service: string; slug: string; requests: number; online_requests: number; online_pct: number }>(
    conn,
    sql`
    select ${monthCol(r.grain, sql`f.submitted_day`)} as month, s.title as service, s.slug, count(*)::int as requests,
           (count(*) filter (where f.channel = 'web'))::int as online_requests,
           100.0 * avg(case when f.channel = 'web' then 1 else 0 end) as online_pct
    from insights_case_facts f join services s on s.id = f.service_id
    where f.submitted_day between ${r.from}::date and ${r.to}::date
    group by 1, s.title, s.slug order by 1, s.title`,
  );
  return {
    id: "digitaal-aanvragen",
    columns: withMonth(r.grain, ["service", "slug", "requests", "online_requests", "online_pct", "suppressed"]),
    rows: data.map((x) => dropMonth(r.grain, suppressSmallGroup({ ...x, online_pct: round(x.online_pct, 0) }, "requests", ["online_requests", "online_pct"]))),
  };
}

export const PUBLIC_DATASETS = {
  doorlooptijden: publicLeadTimes,
  "wachttijden-loket": publicWaitingTimes,
  tevredenheid: publicSatisfaction,
  "digitaal-aanvragen": publicDigitalTakeUp,
} as const;
export type PublicDatasetId = keyof typeof PUBLIC_DATASETS;
export const isPublicDataset = (id: string): id is PublicDatasetId => Object.hasOwn(PUBLIC_DATASETS, id);

export async function loadPublicFigures(range: { from: string; to: string }) {
  const r: Range = { ...range, grain: "period" };
  const [lead, wait, satisfaction, digital, demoData] = await Promise.all([
    publicLeadTimes(r, db),
    publicWaitingTimes(r, db),
    publicSatisfaction(r, db),
    publicDigitalTakeUp(r, db),
    hasDemoData(db),
  ]);
  return { lead, wait, satisfaction, digital, demoData };
}
