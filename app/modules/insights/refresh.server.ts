import { sql, type SQL } from "drizzle-orm";
import { db, type Database, type DbOrTx } from "~/utils/db.server";

/**
 * Incremental refresh of the insights read models (db/schema/insights.ts).
 *
 * - Cases: a watermark on `case_events.id`. Every change to a case appends an event
 *   (architecture §5), so the cases touched by new events are re-read and upserted.
 *   Events younger than a few seconds wait for the next run, so a transaction that took
 *   an id earlier but commits later is still seen.
 * - Daily models (counter, contacts, searches, feedback, visits): a watermark day. Each
 *   run recomputes a bounded window of days from the watermark; the last days stay open
 *   and are recomputed every run: yesterday and today (late rows of the day before
 *   midnight), for contacts the last week (a score can be added later).
 *
 * Each step is one short transaction that only writes to insights tables and takes a
 * transaction-level advisory lock with `pg_try_advisory_xact_lock`: when another process
 * is refreshing, this one skips instead of waiting. The portal never waits on it.
 */

const LOCK_KEY = 808_2026;
const CASE_EVENT_BATCH = 5000;
const DAY_WINDOW = 31;
const BRUSSELS = sql.raw(`'Europe/Brussels'`);
/** Brussels-day bounds of a timestamp column, for an index-friendly range. */
const dayRange = (col: SQL, from: string, to: string) =>
  sql`${col} >= (${from}::date::timestamp at time zone ${BRUSSELS}) and ${col} < ((${to}::date + 1)::timestamp at time zone ${BRUSSELS})`;
const dayOf = (col: SQL) => sql`(${col} at time zone ${BRUSSELS})::date`;

type DailyModel = {
  name: string;
  table: string;
  /** The first day with source rows, or null when there are none. */
  firstDay: SQL;
  insert: (from: string, to: string) => SQL;
  /** Days (up to today) recomputed on every run because their rows may still change; default 2 (yesterday and today). */
  openDays?: number;
};

export const DAILY_MODELS: DailyModel[] = [
  {
    name: "counter",
    table: "insights_counter_hourly",
    firstDay: sql`select min(day) from tickets`,
    // Waiting and service times leave no-shows out: they were called but never served.
    insert: (from, to) => sql`
      insert into insights_counter_hourly (day, theme_id, hour, tickets, no_shows, wait_sum, wait_n, service_sum, service_n)
      select day, theme_id, extract(hour from created_at at time zone ${BRUSSELS})::smallint, count(*)::int,
             (count(*) filter (where status = 'no_show'))::int,
             coalesce(sum(wait_seconds) filter (where status <> 'no_show'), 0), (count(wait_seconds) filter (where status <> 'no_show'))::int,
             coalesce(sum(service_seconds) filter (where status <> 'no_show'), 0), (count(service_seconds) filter (where status <> 'no_show'))::int
      from tickets where day between ${from}::date and ${to}::date
      group by 1, 2, 3`,
  },
  {
    name: "contacts",
    table: "insights_contact_daily",
    // A satisfaction score or outcome can be added to a contact some days after it happened.
    openDays: 7,
    firstDay: sql`select ${dayOf(sql`min(occurred_at)`)} from contact_moments`,
    insert: (from, to) => sql`
      insert into insights_contact_daily (day, channel, contacts, sat_sum, sat_n)
      select ${dayOf(sql`occurred_at`)}, channel, count(*)::int, coalesce(sum(satisfaction_score), 0)::int, count(satisfaction_score)::int
      from contact_moments where ${dayRange(sql`occurred_at`, from, to)}
      group by 1, 2`,
  },
  {
    name: "searches",
    table: "insights_search_daily",
    firstDay: sql`select ${dayOf(sql`min(created_at)`)} from knowledge_search_log`,
    // Queries are kept only when they found nothing: the editors' to-do list.
    insert: (from, to) => sql`
      insert into insights_search_daily (day, language, query, searches, zero_results)
      select ${dayOf(sql`created_at`)}, language, case when result_count = 0 then lower(query) else '' end,
             count(*)::int, (count(*) filter (where result_count = 0))::int
      from knowledge_search_log where ${dayRange(sql`created_at`, from, to)}
      group by 1, 2, 3`,
  },
  {
    name: "feedback",
    table: "insights_feedback_daily",
    firstDay: sql`select ${dayOf(sql`min(created_at)`)} from knowledge_feedback`,
    insert: (from, to) => sql`
      insert into insights_feedback_daily (day, article_id, helpful, not_helpful)
      select ${dayOf(sql`created_at`)}, article_id, (count(*) filter (where helpful))::int, (count(*) filter (where not helpful))::int
      from knowledge_feedback where ${dayRange(sql`created_at`, from, to)}
      group by 1, 2`,
  },
  {
    name: "visits",
    table: "insights_visits_daily",
    firstDay: sql`select ${dayOf(sql`min(at)`)} from access_scans`,
    insert: (from, to) => sql`
      insert into insights_visits_daily (day, building_id, visitors, entries)
      select ${dayOf(sql`at`)}, building_id, count(distinct pass_id)::int, count(*)::int
      from access_scans where outcome = 'welcome' and building_id is not null and ${dayRange(sql`at`, from, to)}
      group by 1, 2`,
  },
];

export type StepResult = { model: string; skipped?: boolean; events?: number; cases?: number; days?: number; from?: string; to?: string };

async function tryLock(tx: DbOrTx) {
  const [row] = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`);
  if (row.ok) await tx.execute(sql`set local lock_timeout = '2s'`);
  return row.ok;
}

/** Upserts the facts of the given cases (all cases when `ids` is undefined). */
function upsertCaseFacts(ids?: string[]) {
  return sql`
    insert into insights_case_facts (case_id, service_id, team_id, channel, submitted_day, closed_day, closed_at, due_at, lead_days, on_time, result, satisfaction_score)
    select c.id, c.service_id, c.team_id, c.channel, ${dayOf(sql`c.submitted_at`)}, ${dayOf(sql`c.closed_at`)}, c.closed_at, c.due_at,
           extract(epoch from c.closed_at - c.submitted_at) / 86400.0,
           case when c.closed_at is not null then c.closed_at <= c.due_at end,
           c.result, c.satisfaction_score
    from cases c ${ids ? sql`where c.id = any(${`{${ids.join(",")}}`}::uuid[])` : sql``}
    on conflict (case_id) do update set
      service_id = excluded.service_id, team_id = excluded.team_id, channel = excluded.channel,
      submitted_day = excluded.submitted_day, closed_day = excluded.closed_day, closed_at = excluded.closed_at,
      due_at = excluded.due_at, lead_days = excluded.lead_days, on_time = excluded.on_time,
      result = excluded.result, satisfaction_score = excluded.satisfaction_score`;
}

/** One batch of case events after the watermark. */
export async function refreshCaseFacts(conn: Database = db, batch = CASE_EVENT_BATCH, lagSeconds = 3): Promise<StepResult> {
  return conn.transaction(async (tx) => {
    if (!(await tryLock(tx))) return { model: "cases", skipped: true };
    const [w] = await tx.execute<{ last_id: string | null }>(sql`select last_id from insights_watermarks where model = 'cases'`);
    const last = Number(w?.last_id ?? 0);
    const [b] = await tx.execute<{ max_id: string | null; ids: string[] | null; events: number }>(sql`
      with batch as (
        select id, case_id from case_events where id > ${last} and at < now() - ${lagSeconds} * interval '1 second' order by id limit ${batch})
      select max(id) as max_id, array_agg(distinct case_id) as ids, count(*)::int as events from batch`);
    if (!b.max_id || !b.ids) return { model: "cases", events: 0, cases: 0 };
    await tx.execute(upsertCaseFacts(b.ids));
    await tx.execute(sql`
      insert into insights_watermarks (model, last_id, updated_at) values ('cases', ${Number(b.max_id)}, now())
      on conflict (model) do update set last_id = excluded.last_id, updated_at = now()`);
    return { model: "cases", events: b.events, cases: b.ids.length };
  });
}

/** Recomputes one window of days of a daily model from its watermark. */
export async function refreshDaily(model: DailyModel, conn: Database = db, window = DAY_WINDOW): Promise<StepResult> {
  return conn.transaction(async (tx) => {
    if (!(await tryLock(tx))) return { model: model.name, skipped: true };
    const [r] = await tx.execute<{ from_day: string | null; to_day: string | null; today: string }>(sql`
      with t as (select (now() at time zone ${BRUSSELS})::date as today),
           f as (select coalesce((select from_day from insights_watermarks where model = ${model.name}), (${model.firstDay})) as d)
      select f.d::text as from_day, least(f.d + ${window - 1}::int, t.today)::text as to_day, t.today::text as today from f, t`);
    if (!r.from_day || !r.to_day) return { model: model.name, days: 0 };
    await tx.execute(sql`delete from ${sql.raw(model.table)} where day between ${r.from_day}::date and ${r.to_day}::date`);
    await tx.execute(model.insert(r.from_day, r.to_day));
    // The last days stay open: rows can still arrive or change for them.
    await tx.execute(sql`
      insert into insights_watermarks (model, from_day, updated_at)
      values (${model.name}, least(${r.to_day}::date + 1, ${r.today}::date - ${(model.openDays ?? 2) - 1}::int), now())
      on conflict (model) do update set from_day = excluded.from_day, updated_at = now()`);
    const days = (Date.parse(r.to_day) - Date.parse(r.from_day)) / 86_400_000 + 1;
    return { model: model.name, days, from: r.from_day, to: r.to_day };
  });
}

/**
 * What the worker runs: case batches until caught up or `budgetMs` has passed (so an
 * upgraded database with millions of events catches up in minutes, not hours), then one
 * window of every daily model. Each batch is its own short transaction.
 */
export async function refreshInsights(conn: Database = db, budgetMs = 2000): Promise<StepResult[]> {
  const started = Date.now();
  const out: StepResult[] = [];
  for (;;) {
    const step = await refreshCaseFacts(conn);
    out.push(step);
    if (step.skipped || !step.events || step.events < CASE_EVENT_BATCH || Date.now() - started > budgetMs) break;
  }
  for (const m of DAILY_MODELS) out.push(await refreshDaily(m, conn));
  return out;
}

/** Refreshes until every model has caught up (seed scripts, benchmarks, tests). */
export async function refreshInsightsUntilDone(conn: Database = db) {
  for (;;) {
    const step = await refreshCaseFacts(conn, 50_000);
    if (step.skipped) throw new Error("another process is refreshing the insights read models");
    if (!step.events) break;
  }
  for (const m of DAILY_MODELS) {
    for (;;) {
      const step = await refreshDaily(m, conn, 366);
      if (step.skipped) throw new Error("another process is refreshing the insights read models");
      // Caught up when the window reached today.
      const [{ today }] = await conn.execute<{ today: string }>(sql`select (now() at time zone ${BRUSSELS})::date::text as today`);
      if (!step.to || step.to >= today) break;
    }
  }
}

/**
 * Rebuilds the case facts in one set-based statement (after a bulk load, e.g. seed:volume)
 * and moves the watermark to the last event, then lets the daily models catch up.
 */
export async function rebuildInsights(conn: Database = db) {
  await conn.transaction(async (tx) => {
    if (!(await tryLock(tx))) throw new Error("another process is refreshing the insights read models");
    await tx.execute(sql`truncate insights_case_facts`);
    await tx.execute(upsertCaseFacts());
    await tx.execute(sql`
      insert into insights_watermarks (model, last_id) select 'cases', coalesce(max(id), 0) from case_events
      on conflict (model) do update set last_id = excluded.last_id, updated_at = now()`);
    await tx.execute(sql`delete from insights_watermarks where model <> 'cases'`);
  });
  await refreshInsightsUntilDone(conn);
  // Vacuum sets the visibility map, so the lead-time index can answer without the table.
  await conn.execute(sql`vacuum analyze insights_case_facts`);
}
