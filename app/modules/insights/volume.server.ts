import { sql } from "drizzle-orm";
import type { Database, DbOrTx } from "~/utils/db.server";
import { rebuildInsights } from "./refresh.server";

/**
 * Volume data for benchmarks and demos: clearly fake rows across every context, made with
 * set-based SQL (generate_series, INSERT … SELECT), so a million cases take minutes.
 *
 * Fake rows are marked: residents and the one volume staff member have `is_demo = true`
 * and names "Volume bewoner N"; case references start with "VOL-"; ticket numbers with
 * "VOL"; contact subjects are "Volumetest". Counter, visitor and search data have no
 * personal data at all.
 */

export class VolumeRefused extends Error {}

export type VolumeOptions = { residents: number; cases: number; days?: number; force?: boolean; log?: (line: string) => void };

const STAFF_ID = sql`md5('volume-staff')::uuid`;
const residentId = (n: ReturnType<typeof sql>, residents: number) => sql`md5('volume-resident-' || (1 + (${n}) % ${residents}))::uuid`;

/** Real residents are people who are neither demo nor volume rows. */
export async function countRealResidents(conn: DbOrTx) {
  const [r] = (await conn.execute(sql`select count(*)::int as n from users where 'resident' = any(roles) and not is_demo`)) as unknown as { n: number }[];
  return r.n;
}

/**
 * Drops a table's secondary indexes (not those behind constraints), runs `fn`, and builds
 * them again: bulk loads are much faster. One transaction, so a failure never leaves a
 * table without its indexes.
 */
async function withoutIndexes(outer: DbOrTx, table: string, fn: (conn: DbOrTx) => Promise<void>) {
  await outer.transaction(async (conn) => {
    const defs = (await conn.execute(sql`
      select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = 'public' and i.tablename = ${table}
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`)) as unknown as { indexname: string; indexdef: string }[];
    for (const d of defs) await conn.execute(sql.raw(`drop index if exists "${d.indexname}"`));
    await fn(conn);
    for (const d of defs) await conn.execute(sql.raw(d.indexdef));
  });
}

/** A PostgreSQL array literal: drizzle would otherwise expand a JS array into a list of parameters. */
export function pgArray(values: (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(",")}}`;
}

type StatusModel = { statuses: { key: string; next: string[]; result?: string }[] };

export async function generateVolume(conn: Database, opts: VolumeOptions) {
  const log = opts.log ?? (() => {});
  const days = opts.days ?? 3 * 365;
  const real = await countRealResidents(conn);
  if (real > 0 && !opts.force) {
    throw new VolumeRefused(`This database holds ${real} real resident(s). Volume data is for test and demo databases only; pass --force to add it anyway.`);
  }
  const svc = (await conn.execute(sql`
    select s.id, s.competent_team_id as team, d.norm_days as norm, d.status_model as model
    from services s join case_definitions d on d.service_id = s.id order by s.slug`)) as unknown as { id: string; team: string | null; norm: number; model: StatusModel }[];
  const themes = (await conn.execute(sql`select id from desk_themes where active order by sort_order`)) as unknown as { id: string }[];
  const buildings = (await conn.execute(sql`select id from access_buildings order by code`)) as unknown as { id: string }[];
  const articles = (await conn.execute(sql`select id from knowledge_articles where status = 'published' order by slug, language`)) as unknown as { id: string }[];
  if (!svc.length || !themes.length || !buildings.length || !articles.length)
    throw new Error("Seed the reference data first (services with request forms, desk themes, buildings, articles).");

  const finals = svc.map((s) => {
    const ends = s.model.statuses.filter((x) => x.next.length === 0);
    const done = ends.filter((x) => (x.result ?? x.key) !== "ingetrokken");
    const withdrawn = ends.find((x) => (x.result ?? x.key) === "ingetrokken") ?? done[0];
    return { init: s.model.statuses[0].key, a: done[0], b: done[1] ?? done[0], w: withdrawn };
  });
  const arr = {
    svc: sql`${pgArray(svc.map((s) => s.id))}::uuid[]`,
    team: sql`${pgArray(svc.map((s) => s.team))}::uuid[]`,
    norm: sql`${pgArray(svc.map((s) => s.norm))}::int[]`,
    init: sql`${pgArray(finals.map((f) => f.init))}::text[]`,
    ak: sql`${pgArray(finals.map((f) => f.a.key))}::text[]`,
    ar: sql`${pgArray(finals.map((f) => f.a.result ?? f.a.key))}::text[]`,
    bk: sql`${pgArray(finals.map((f) => f.b.key))}::text[]`,
    br: sql`${pgArray(finals.map((f) => f.b.result ?? f.b.key))}::text[]`,
    wk: sql`${pgArray(finals.map((f) => f.w.key))}::text[]`,
    wr: sql`${pgArray(finals.map((f) => f.w.result ?? f.w.key))}::text[]`,
  };
  const tag = Date.now().toString(36);
  const started = Date.now();
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const t0 = Date.now();
    await fn();
    log(`  ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };

  await step(`${opts.residents} residents`, async () => {
    await conn.execute(sql`
      insert into users (id, name, roles, is_demo, preferred_channel)
      select md5('volume-resident-' || n)::uuid, 'Volume bewoner ' || n, '{resident}', true, case when n % 10 = 0 then 'paper' else 'email' end
      from generate_series(1, ${opts.residents}) n on conflict (id) do nothing`);
    await conn.execute(sql`
      insert into users (id, name, roles, is_demo) values (${STAFF_ID}, 'Volume medewerker', '{frontoffice,host}', true) on conflict (id) do nothing`);
  });

  await step(`${opts.cases} cases`, () =>
    withoutIndexes(conn, "cases", async (conn) => {
      await conn.execute(sql`
        with g as (
          select n, 1 + floor(random() * ${svc.length})::int as i, random() as rd, random() as rh, random() as rc, random() as rl, random() as ro, random() as rs, random() as rv
          from generate_series(1, ${opts.cases}) n),
        x as (
          select g.*, (date_trunc('day', now() - rd * ${days} * interval '1 day') + interval '7 hours' + rh * interval '9 hours') as sub,
                 case when rc < 0.55 then 'web' when rc < 0.75 then 'counter' when rc < 0.9 then 'phone' else 'email' end as ch,
                 (${arr.norm})[i] as norm
          from g),
        y as (select x.*, sub + norm * (0.15 + rl * 1.3) * interval '1 day' as fin from x)
        insert into cases (id, reference, service_id, resident_id, created_by_id, channel, team_id, status, result, submitted_at, due_at, closed_at, last_change_at, satisfaction_score)
        select md5('volume-case-' || ${tag} || '-' || n)::uuid, 'VOL-' || ${tag} || '-' || lpad(n::text, 7, '0'), (${arr.svc})[i],
               ${residentId(sql`n`, opts.residents)}, case when ch = 'web' then ${residentId(sql`n`, opts.residents)} else ${STAFF_ID} end,
               ch, (${arr.team})[i],
               case when fin > now() then (${arr.init})[i] when ro < 0.05 then (${arr.wk})[i] when ro < 0.8 then (${arr.ak})[i] else (${arr.bk})[i] end,
               case when fin > now() then null when ro < 0.05 then (${arr.wr})[i] when ro < 0.8 then (${arr.ar})[i] else (${arr.br})[i] end,
               sub, sub + norm * interval '1 day', case when fin <= now() then fin end, least(fin, now()),
               case when fin <= now() and ro >= 0.05 and rs < 0.3 then least(5, 1 + floor(5 * sqrt(rv)))::int end
        from y`);
    }),
  );

  await step("case events", () =>
    withoutIndexes(conn, "case_events", async (conn) => {
      // Set-based for millions of rows, so not through appendCaseEvent: the same data as its types
      // (cases/events.ts; generated cases go straight from "ontvangen" to their end status).
      await conn.execute(sql`
        insert into case_events (case_id, at, actor_id, type, visibility, data)
        select id, submitted_at, created_by_id, 'submitted', 'resident', jsonb_build_object('channel', channel, 'status', 'ontvangen', 'volume', true)
        from cases where reference like ${`VOL-${tag}-%`}
        union all
        select id, closed_at, ${STAFF_ID}, 'status-changed', 'resident', jsonb_build_object('from', 'ontvangen', 'to', status, 'result', result, 'volume', true)
        from cases where reference like ${`VOL-${tag}-%`} and closed_at is not null
        union all
        select id, closed_at + interval '1 day', resident_id, 'rated', 'resident', jsonb_build_object('score', satisfaction_score, 'volume', true)
        from cases where reference like ${`VOL-${tag}-%`} and satisfaction_score is not null`);
    }),
  );

  const contacts = Math.round(opts.cases * 0.6);
  await step(`${contacts} contact moments`, () =>
    withoutIndexes(conn, "contact_moments", async (conn) => {
      await conn.execute(sql`
        insert into contact_moments (resident_id, channel, direction, subject, outcome, staff_id, satisfaction_score, occurred_at, created_at)
        select case when r1 < 0.2 then null else ${residentId(sql`n`, opts.residents)} end,
               case when r2 < 0.35 then 'counter' when r2 < 0.7 then 'phone' when r2 < 0.9 then 'email' when r2 < 0.95 then 'letter' else 'web' end,
               'in', 'Volumetest', 'answered', ${STAFF_ID},
               case when r3 < 0.25 then least(5, 1 + floor(5 * sqrt(r4)))::int end, at, at
        from (select n, random() r1, random() r2, random() r3, random() r4,
                     date_trunc('day', now() - random() * ${days} * interval '1 day') + interval '7 hours' + random() * interval '9 hours' as at
              from generate_series(1, ${contacts}) n) g`);
    }),
  );

  // Working days in the past; tickets per day scale with the number of cases.
  const ticketsPerDay = Math.max(5, Math.round((opts.cases * 0.2) / (days * (5 / 7))));
  await step(`tickets (${ticketsPerDay} per working day)`, () =>
    withoutIndexes(conn, "tickets", async (conn) => {
      await conn.execute(sql`
        with d as (
          select day::date as day from generate_series(((now() at time zone 'Europe/Brussels')::date - ${days}::int)::timestamp, ((now() at time zone 'Europe/Brussels')::date - 1)::timestamp, interval '1 day') day
          where extract(isodow from day) < 6),
        t as (
          select d.day, k, (${sql`${pgArray(themes.map((t) => t.id))}::uuid[]`})[1 + floor(random() * ${themes.length})::int] as theme,
                 (d.day::timestamp + interval '8 hours' + random() * interval '8 hours') at time zone 'Europe/Brussels' as created,
                 random() as rn, random() as rw, random() as rs
          from d cross join generate_series(1, ${ticketsPerDay}::int) k),
        w as (
          -- Longer waits around opening time and noon, as in any town hall.
          select t.*, (60 + rw * 600 * (1 + case when extract(hour from created at time zone 'Europe/Brussels') in (9, 12) then 1.5 else 0 end))::int as wait,
                 (120 + rs * 900)::int as service
          from t)
        insert into tickets (day, theme_id, number, status, resident_id, language, created_at, called_at, started_at, finished_at, wait_seconds, service_seconds)
        select day, theme, 'VOL' || ${tag} || '-' || k, case when rn < 0.07 then 'no_show' else 'done' end, null, 'nl',
               created, created + wait * interval '1 second',
               case when rn >= 0.07 then created + wait * interval '1 second' end,
               case when rn >= 0.07 then created + (wait + service) * interval '1 second' end,
               wait, case when rn >= 0.07 then service end
        from w`);
    }),
  );

  const appts = Math.max(10, Math.round(ticketsPerDay * days * (5 / 7) * 0.1));
  await step(`${appts} appointments`, async () => {
    await conn.execute(sql`
      insert into appointments (reference, theme_id, resident_id, starts_at, ends_at, status, channel, created_by, created_at)
      select 'VOL' || ${tag} || n, (${sql`${pgArray(themes.map((t) => t.id))}::uuid[]`})[1 + n % ${themes.length}], ${residentId(sql`n`, opts.residents)},
             s, s + interval '15 minutes', case when r < 0.8 then 'checked_in' when r < 0.9 then 'cancelled' else 'booked' end, 'web', null, s - interval '5 days'
      from (select n, random() as r,
                   date_trunc('day', now() - (1 + random() * ${days}) * interval '1 day') + interval '8 hours' + floor(random() * 12) * interval '15 minutes' as s
            from generate_series(1, ${appts}) n) g`);
  });

  const visits = Math.max(10, Math.round(opts.cases * 0.05));
  await step(`${visits} visitor passes with scans`, async () => {
    await conn.execute(sql`
      insert into access_invitations (id, host_id, building_id, purpose, created_at)
      select md5('volume-inv-' || ${tag} || n)::uuid, ${STAFF_ID}, (${sql`${pgArray(buildings.map((b) => b.id))}::uuid[]`})[1 + n % ${buildings.length}], ${`Volumetest ${tag}`},
             date_trunc('day', now() - (1 + (n * 7919) % ${days}) * interval '1 day')
      from generate_series(1, ${visits}) n`);
    // Visitor details are already erased (anonymised), as after the retention period.
    await conn.execute(sql`
      insert into access_passes (id, invitation_id, building_id, valid_from, valid_until, remaining_entries, anonymised_at, created_at)
      select md5('volume-pass-' || ${tag} || i.id)::uuid, i.id, i.building_id, i.created_at + interval '8 hours', i.created_at + interval '18 hours', 0, now(), i.created_at
      from access_invitations i where i.purpose = ${`Volumetest ${tag}`}`);
    await conn.execute(sql`
      insert into access_scans (pass_id, building_id, direction, outcome, at)
      select p.id, p.building_id, 'in', 'welcome', p.valid_from + random() * interval '4 hours'
      from access_passes p join access_invitations i on i.id = p.invitation_id where i.purpose = ${`Volumetest ${tag}`}
      union all
      select p.id, p.building_id, 'out', 'goodbye', p.valid_from + interval '5 hours' + random() * interval '4 hours'
      from access_passes p join access_invitations i on i.id = p.invitation_id where i.purpose = ${`Volumetest ${tag}`}`);
  });

  const searches = Math.round(opts.cases * 1.5);
  await step(`${searches} Mikipedia searches and feedback`, async () => {
    await conn.execute(sql`
      insert into knowledge_search_log (query, language, channel, result_count, clicked_slug, created_at)
      select case when r < 0.12 then (array['hondenbelasting','zwembad openingsuren','rijbewijs verlengen','containerpark','huwelijk','parkeerschijf','kermis','speeltuin'])[1 + floor(random() * 8)::int]
                  else (array['bewonerskaart','parkeerkaart','subsidie','afval','renovatie','vrijwilliger','budget','evenement','fietsenstalling','attest'])[1 + floor(random() * 10)::int] end,
             case when random() < 0.85 then 'nl' when random() < 0.5 then 'en' else 'fr' end,
             case when random() < 0.9 then 'web' else 'api' end,
             case when r < 0.12 then 0 else 1 + floor(random() * 6)::int end, null,
             now() - random() * ${days} * interval '1 day'
      from (select n, random() as r from generate_series(1, ${searches}) n) g`);
    await conn.execute(sql`
      insert into knowledge_feedback (article_id, helpful, reason, created_at)
      select (${sql`${pgArray(articles.map((a) => a.id))}::uuid[]`})[1 + floor(random() * ${articles.length})::int], r < 0.75,
             case when r >= 0.75 then (array['unclear','incomplete','outdated','not_my_question'])[1 + floor(random() * 4)::int] end,
             now() - random() * ${days} * interval '1 day'
      from (select n, random() as r from generate_series(1, ${Math.round(searches / 10)}) n) g`);
  });

  await step("analyze", () => conn.execute(sql`analyze`));
  await step("insights read models", () => rebuildInsights(conn));
  log(`Volume data ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return { tag };
}
