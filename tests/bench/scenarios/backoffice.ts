import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { STEADY_RATES, type BenchContext, type Scenario } from "../types";

/**
 * Issue 6: a back-office team's work queue with 10,000 open cases, in a database of
 * 1,000,000 cases, filtered (unassigned, in progress) and sorted by due date.
 * Runs after the cases scenario or alone: it tops the database up to the full million itself.
 */

const TOTAL_CASES = Number(process.env.BENCH_TOTAL_CASES ?? 1_000_000);
const TEAM_CASES = 10_000;
const SESSION_SECRET = "benchmark-only-secret-0123456789abcdef"; // the one tests/bench/run.ts starts the portal with
const sessionCookie = createCookie("__mechelaar_session", { httpOnly: true, sameSite: "lax", path: "/", secrets: [SESSION_SECRET] });

/** Builds a bulk insert without the secondary indexes, then puts back exactly the ones that were there. */
async function withoutSecondaryIndexes(sql: BenchContext["sql"], work: () => Promise<unknown>) {
  const defs = await sql<{ name: string; def: string }[]>`
    select i.relname as name, pg_get_indexdef(i.oid) as def
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relname = 'cases' and not x.indisprimary and not x.indisunique`;
  for (const d of defs) await sql.unsafe(`drop index if exists "${d.name}"`);
  try {
    await work();
  } finally {
    for (const d of defs) await sql.unsafe(d.def);
  }
}

async function session(sql: BenchContext["sql"], userId: string) {
  const sid = randomBytes(32).toString("base64url");
  await sql`insert into sessions (id, user_id, data, expires_at) values (${sid}, ${userId}, ${sql.json({ userId, staff: true })}, now() + interval '1 day')`;
  return { headers: { Cookie: (await sessionCookie.serialize(sid)).split(";")[0] } };
}

async function teamQueue({ sql }: BenchContext) {
  const started = Date.now();
  // A kept benchmark database (BENCH_KEEP_DB) already holds the team and its cases.
  const [kept] = await sql<
    { id: string }[]
  >`select u.id from users u join team_members m on m.user_id = u.id join teams t on t.id = m.team_id where t.slug = 'bench-queue' and lower(u.email) = 'bench.agent.1@example.com'`;
  if (kept) return session(sql, kept.id);
  const defs = await sql<{ service_id: string }[]>`select service_id from case_definitions order by service_id`;
  if (!defs.length) throw new Error("no request definitions seeded");
  const serviceIds = sql.array(defs.map((d) => d.service_id));
  const [team] = await sql<{ id: string }[]>`insert into teams (slug, name) values ('bench-queue', 'Bench werkbak') returning id`;
  const agents = await sql<{ id: string }[]>`
    insert into users (name, email, roles)
    select 'Bench Agent ' || n, 'bench.agent.' || n || '@example.com', '{backoffice}' from generate_series(1, 5) n returning id`;
  await sql`insert into team_members (team_id, user_id) select ${team.id}, unnest(${sql.array(agents.map((a) => a.id))}::uuid[])`;
  const [resident] = await sql<{ id: string }[]>`insert into users (name, roles) values ('Bench Bewoner Werkbak', '{resident}') returning id`;
  const [{ n: existing }] = await sql<{ n: number }[]>`select count(*)::int n from cases`;
  const filler = Math.max(0, TOTAL_CASES - TEAM_CASES - existing);

  await withoutSecondaryIndexes(sql, async () => {
    // Other teams' work and history, so the team's rows are a thin slice of a big table.
    if (filler > 0)
      await sql`
        insert into cases (reference, service_id, resident_id, created_by_id, channel, team_id, status, result, answers, submitted_at, due_at, closed_at, last_change_at)
        select 'MEC-' || (2040 + n / 500000) || '-' || lpad((n % 500000 + 1)::text, 6, '0'),
               (${serviceIds}::uuid[])[1 + n % ${defs.length}], ${resident.id}, ${resident.id}, 'web', null,
               case when n % 5 < 3 then 'ingetrokken' else 'ontvangen' end, case when n % 5 < 3 then 'ingetrokken' end, '{}'::jsonb,
               now() - (n % 2000) * interval '1 hour', now() + interval '30 days' - (n % 2000) * interval '1 hour',
               case when n % 5 < 3 then now() - (n % 1000) * interval '1 hour' end, now() - (n % 2000) * interval '1 hour'
        from generate_series(0, ${filler - 1}) n`;
    // The team's 10,000 open cases: a mix of statuses, channels, assignees, waiting and late ones.
    await sql`
      insert into cases (reference, service_id, resident_id, created_by_id, channel, team_id, status, answers, submitted_at, due_at, waiting_since, assignee_id, last_change_at)
      select 'MEC-2039-' || lpad(n::text, 6, '0'),
             (${serviceIds}::uuid[])[1 + n % ${defs.length}], ${resident.id}, ${resident.id},
             (array['web','web','counter','phone','email'])[1 + n % 5], ${team.id},
             case when n % 3 = 0 then 'ontvangen' else 'in-behandeling' end, '{}'::jsonb,
             now() - (n % 60) * interval '1 day', now() + ((n % 90) - 20) * interval '1 day' + (n % 24) * interval '1 hour',
             case when n % 11 = 0 then now() - interval '2 days' end,
             case when n % 4 = 0 then null else (${sql.array(agents.map((a) => a.id))}::uuid[])[1 + n % 5] end,
             now() - (n % 60) * interval '1 day'
      from generate_series(1, ${TEAM_CASES}) n`;
  });
  await sql`analyze cases`;
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int n from cases`;
  console.log(`  prepared a team queue of ${TEAM_CASES} open cases in ${n} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return session(sql, agents[0].id);
}

export const scenarios: Scenario[] = [
  {
    name: "team queue (10k open of 1M, filter+sort)",
    path: "/werk/dossiers?status=in-behandeling&assigned=none&channel=web",
    setup: teamQueue,
    rates: STEADY_RATES,
    target: "p99 < 100 ms",
  },
];
