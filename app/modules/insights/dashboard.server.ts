import { sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "~/utils/db.server";
import type { Period } from "./period";
import { hasDemoData } from "./demo-history.server";
import { CASE_CHANNEL_ORDER, round, type DataTable } from "./tables";
import { can, type Actor } from "~/modules/identity/permissions";

/**
 * The staff dashboard's figures, read from the read models only (never from the source
 * tables), so one month on 1,000,000 cases stays fast. A team filter applies to case
 * figures; counter, Mikipedia and visitor figures are not handled by a team.
 */

const team = (p: Period) => (p.teamId ? sql`and f.team_id = ${p.teamId}::uuid` : sql``);
const submittedIn = (p: Period) => sql`f.submitted_day between ${p.from}::date and ${p.to}::date ${team(p)}`;
const closedIn = (p: Period) => sql`f.closed_day between ${p.from}::date and ${p.to}::date ${team(p)}`;
const dayIn = (p: Period, col = sql`day`) => sql`${col} between ${p.from}::date and ${p.to}::date`;

async function rows<T extends Record<string, unknown>>(conn: DbOrTx, q: SQL): Promise<T[]> {
  return (await conn.execute<T>(q)) as unknown as T[];
}

export async function casesByChannel(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ channel: string; cases: number }>(
    conn,
    sql`
    select f.channel, count(*)::int as cases from insights_case_facts f where ${submittedIn(p)} group by 1`,
  );
  const by = new Map(r.map((x) => [x.channel, x.cases]));
  const known = CASE_CHANNEL_ORDER.map((c) => ({ channel: c, cases: by.get(c) ?? 0 }));
  const other = r.filter((x) => !(CASE_CHANNEL_ORDER as readonly string[]).includes(x.channel)).map((x) => ({ channel: x.channel, cases: x.cases }));
  return { id: "kanalen", columns: ["channel", "cases"], rows: [...known, ...other] };
}

export async function casesByService(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ service: string; cases: number; online: number }>(
    conn,
    sql`
    select s.title as service, count(*)::int as cases, (count(*) filter (where f.channel = 'web'))::int as online
    from insights_case_facts f join services s on s.id = f.service_id
    where ${submittedIn(p)} group by s.title order by cases desc, s.title`,
  );
  return { id: "diensten", columns: ["service", "cases", "online"], rows: r };
}

export async function casesByWeek(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ week: string; web: number; counter: number; phone: number; email: number; total: number }>(
    conn,
    sql`
    select date_trunc('week', f.submitted_day)::date::text as week,
           (count(*) filter (where f.channel = 'web'))::int as web, (count(*) filter (where f.channel = 'counter'))::int as counter,
           (count(*) filter (where f.channel = 'phone'))::int as phone, (count(*) filter (where f.channel = 'email'))::int as email,
           count(*)::int as total
    from insights_case_facts f where ${submittedIn(p)} group by 1 order by 1`,
  );
  return { id: "weken", columns: ["week", "web", "counter", "phone", "email", "total"], rows: r };
}

/**
 * Lead time of cases closed in the period, per service, against the service's norm.
 * Cases the resident withdrew are left out: they say nothing about how fast the city works.
 */
export async function leadTimes(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ service: string; norm_days: number | null; closed: number; median_days: number; p90_days: number; on_time_pct: number }>(
    conn,
    sql`
    select s.title as service, coalesce(d.norm_days, s.processing_time_days) as norm_days, count(*)::int as closed,
           percentile_cont(0.5) within group (order by f.lead_days) as median_days,
           percentile_cont(0.9) within group (order by f.lead_days) as p90_days,
           100.0 * avg(case when f.on_time then 1 else 0 end) as on_time_pct
    from insights_case_facts f join services s on s.id = f.service_id left join case_definitions d on d.service_id = f.service_id
    where ${closedIn(p)} and f.result is distinct from 'ingetrokken'
    group by s.title, d.norm_days, s.processing_time_days order by s.title`,
  );
  return {
    id: "doorlooptijden",
    columns: ["service", "norm_days", "closed", "median_days", "p90_days", "on_time_pct"],
    rows: r.map((x) => ({ ...x, median_days: round(x.median_days), p90_days: round(x.p90_days), on_time_pct: round(x.on_time_pct) })),
  };
}

/** Open cases now (not bound to the period) and how many are past their due date. */
export async function backlog(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ service: string; open: number; overdue: number }>(
    conn,
    sql`
    select s.title as service, count(*)::int as open, (count(*) filter (where f.due_at < now()))::int as overdue
    from insights_case_facts f join services s on s.id = f.service_id
    where f.closed_at is null ${team(p)} group by s.title order by open desc, s.title`,
  );
  return { id: "achterstand", columns: ["service", "open", "overdue"], rows: r };
}

/** Average waiting and service time (minutes) per desk theme and hour of arrival: the heat map. */
export async function counterByHour(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ theme: string; hour: number; tickets: number; avg_wait_min: number | null; avg_service_min: number | null; no_shows: number }>(
    conn,
    sql`
    select t.name->>'nl' as theme, h.hour::int as hour, sum(h.tickets)::int as tickets,
           sum(h.wait_sum)::float8 / nullif(sum(h.wait_n), 0) / 60 as avg_wait_min,
           sum(h.service_sum)::float8 / nullif(sum(h.service_n), 0) / 60 as avg_service_min,
           sum(h.no_shows)::int as no_shows
    from insights_counter_hourly h join desk_themes t on t.id = h.theme_id
    where ${dayIn(p, sql`h.day`)} group by t.name->>'nl', t.sort_order, h.hour order by t.sort_order, h.hour`,
  );
  return {
    id: "loket-per-uur",
    columns: ["theme", "hour", "tickets", "avg_wait_min", "avg_service_min", "no_shows"],
    rows: r.map((x) => ({ ...x, avg_wait_min: round(x.avg_wait_min), avg_service_min: round(x.avg_service_min) })),
  };
}

export async function noShows(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ theme: string; tickets: number; no_shows: number; avg_wait_min: number | null }>(
    conn,
    sql`
    select t.name->>'nl' as theme, sum(h.tickets)::int as tickets, sum(h.no_shows)::int as no_shows,
           sum(h.wait_sum)::float8 / nullif(sum(h.wait_n), 0) / 60 as avg_wait_min
    from insights_counter_hourly h join desk_themes t on t.id = h.theme_id
    where ${dayIn(p, sql`h.day`)} group by t.name->>'nl', t.sort_order order by t.sort_order`,
  );
  return {
    id: "loket-thema",
    columns: ["theme", "tickets", "no_shows", "no_show_pct", "avg_wait_min"],
    rows: r.map((x) => ({ ...x, no_show_pct: round(x.tickets ? (100 * x.no_shows) / x.tickets : null), avg_wait_min: round(x.avg_wait_min) })),
  };
}

/** Satisfaction (1–5) per channel: ratings of closed cases (by the channel they came in on) and of contact moments. */
export async function satisfactionByChannel(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ source: string; channel: string; ratings: number; average: number }>(
    conn,
    sql`
    select 'case' as source, f.channel, count(*)::int as ratings, avg(f.satisfaction_score)::float8 as average
    from insights_case_facts f where ${closedIn(p)} and f.satisfaction_score is not null group by f.channel
    union all
    select 'contact', c.channel, sum(c.sat_n)::int, sum(c.sat_sum)::float8 / nullif(sum(c.sat_n), 0)
    from insights_contact_daily c where ${dayIn(p, sql`c.day`)} group by c.channel having sum(c.sat_n) > 0
    order by 1, 2`,
  );
  return { id: "tevredenheid-kanaal", columns: ["source", "channel", "ratings", "average"], rows: r.map((x) => ({ ...x, average: round(x.average, 2) })) };
}

export async function satisfactionByService(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ service: string; ratings: number; average: number }>(
    conn,
    sql`
    select s.title as service, count(*)::int as ratings, avg(f.satisfaction_score)::float8 as average
    from insights_case_facts f join services s on s.id = f.service_id
    where ${closedIn(p)} and f.satisfaction_score is not null group by s.title order by s.title`,
  );
  return { id: "tevredenheid-dienst", columns: ["service", "ratings", "average"], rows: r.map((x) => ({ ...x, average: round(x.average, 2) })) };
}

/** "Heeft dit antwoord u geholpen?" per article, least helpful first. */
export async function helpfulness(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ article: string; helpful: number; not_helpful: number }>(
    conn,
    sql`
    select a.title || ' (' || a.language || ')' as article, sum(f.helpful)::int as helpful, sum(f.not_helpful)::int as not_helpful
    from insights_feedback_daily f join knowledge_articles a on a.id = f.article_id
    where ${dayIn(p, sql`f.day`)} group by a.title, a.language
    order by sum(f.helpful)::float8 / (sum(f.helpful) + sum(f.not_helpful)), a.title limit 25`,
  );
  return {
    id: "mikipedia-nuttig",
    columns: ["article", "helpful", "not_helpful", "helpful_pct"],
    rows: r.map((x) => ({ ...x, helpful_pct: round((100 * x.helpful) / (x.helpful + x.not_helpful)) })),
  };
}

export async function searchTotals(p: Period, conn: DbOrTx) {
  const [r] = await rows<{ searches: number; zero_results: number }>(
    conn,
    sql`
    select coalesce(sum(searches), 0)::int as searches, coalesce(sum(zero_results), 0)::int as zero_results
    from insights_search_daily where ${dayIn(p)}`,
  );
  return r;
}

export async function zeroResultSearches(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ query: string; language: string; searches: number }>(
    conn,
    sql`
    select query, language, sum(zero_results)::int as searches from insights_search_daily
    where ${dayIn(p)} and zero_results > 0 and query <> '' group by query, language order by searches desc, query limit 25`,
  );
  return { id: "zoeken-zonder-resultaat", columns: ["query", "language", "searches"], rows: r };
}

export async function visitorsByDay(p: Period, conn: DbOrTx): Promise<DataTable> {
  const r = await rows<{ building: string; day: string; visitors: number; entries: number }>(
    conn,
    sql`
    select b.name as building, v.day::text as day, v.visitors, v.entries
    from insights_visits_daily v join access_buildings b on b.id = v.building_id
    where ${dayIn(p, sql`v.day`)} order by b.name, v.day`,
  );
  return { id: "bezoekers", columns: ["building", "day", "visitors", "entries"], rows: r };
}

export const DASHBOARD_TABLES = {
  kanalen: casesByChannel,
  diensten: casesByService,
  weken: casesByWeek,
  doorlooptijden: leadTimes,
  achterstand: backlog,
  "loket-per-uur": counterByHour,
  "loket-thema": noShows,
  "tevredenheid-kanaal": satisfactionByChannel,
  "tevredenheid-dienst": satisfactionByService,
  "mikipedia-nuttig": helpfulness,
  "zoeken-zonder-resultaat": zeroResultSearches,
  bezoekers: visitorsByDay,
} as const;
export type DashboardTableId = keyof typeof DASHBOARD_TABLES;
export const isDashboardTable = (id: string): id is DashboardTableId => Object.hasOwn(DASHBOARD_TABLES, id);

/** One figure set of the dashboard (its CSV download). */
export const dashboardTable = (id: DashboardTableId, p: Period) => DASHBOARD_TABLES[id](p, db);

/** Every figure of the dashboard; the queries run side by side on the pool. */
export async function loadDashboard(p: Period, conn: DbOrTx) {
  const entries = await Promise.all(Object.entries(DASHBOARD_TABLES).map(async ([id, fn]) => [id, await fn(p, conn)] as const));
  const tables = Object.fromEntries(entries) as Record<DashboardTableId, DataTable>;
  // "These figures include demo data" when the demo history is present (issue 15.9).
  const [searches, demoData] = await Promise.all([searchTotals(p, conn), hasDemoData(conn)]);
  return { tables, searches, demoData };
}

/**
 * The read models change only when the worker refreshes them, so the figures of one
 * period and team are kept in memory until the next refresh (the newest watermark time is
 * the version). Many managers opening the same month then cost one set of queries.
 */
const CACHE_SIZE = 50;
const cache = new Map<string, { version: string; value: Awaited<ReturnType<typeof loadDashboard>> }>();

export async function readModelVersion(conn: DbOrTx) {
  const [r] = await rows<{ v: string | null }>(conn, sql`select max(updated_at)::text as v from insights_watermarks`);
  return r.v ?? "";
}

export async function loadDashboardCached(p: Period) {
  const key = `${p.from}|${p.to}|${p.teamId ?? ""}`;
  const version = await readModelVersion(db);
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.value;
  }
  const value = await loadDashboard(p, db);
  cache.set(key, { version, value });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return value;
}

/** Teams a user may filter on: every team for admins, their own teams for back-office staff. */
export async function teamsFor(user: Omit<Actor, "teams"> & { teams: { id: string; name: string }[] }) {
  if (can(user, "admin.manage")) return rows<{ id: string; name: string }>(db, sql`select id, name from teams order by name`);
  return user.teams.map((t) => ({ id: t.id, name: t.name }));
}
