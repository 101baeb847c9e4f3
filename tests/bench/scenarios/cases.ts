import { randomBytes, randomUUID } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { STEADY_RATES, type BenchContext, type Scenario } from "../types";

/**
 * Issue 4: "Mijn dossiers" for a resident with 50 cases in a database of 1,000,000 cases,
 * and filing a request (last form step + submit with a fresh idempotency key).
 */

/** Size of the database for "Mijn dossiers" (override for a quick local run). */
const TOTAL_CASES = Number(process.env.BENCH_TOTAL_CASES ?? 1_000_000);
const SESSION_SECRET = "benchmark-only-secret-0123456789abcdef"; // the one tests/bench/run.ts starts the portal with
const sessionCookie = createCookie("__mechelaar_session", { httpOnly: true, sameSite: "lax", path: "/", secrets: [SESSION_SECRET] });

async function residentWithSession(sql: BenchContext["sql"], email: string) {
  // Upsert: with BENCH_KEEP_DB the resident is already there from an earlier run.
  const [user] = await sql<{ id: string }[]>`
    insert into users (name, email, roles, preferred_language) values ('Bench Bewoner', ${email}, '{resident}', 'nl')
    on conflict (lower(email)) do update set name = excluded.name returning id`;
  const sid = randomBytes(32).toString("base64url");
  await sql`insert into sessions (id, user_id, data, expires_at) values (${sid}, ${user.id}, ${sql.json({ userId: user.id, staff: false })}, now() + interval '1 day')`;
  const cookie = (await sessionCookie.serialize(sid)).split(";")[0];
  return { id: user.id, cookie };
}

async function millionCases({ sql }: BenchContext) {
  const started = Date.now();
  const defs = await sql<{ service_id: string }[]>`select service_id from case_definitions order by service_id`;
  if (!defs.length) throw new Error("no request definitions seeded");
  const resident = await residentWithSession(sql, "bench.dossiers@example.com");
  const [{ mine, all }] = await sql<{ mine: number; all: number }[]>`
    select (select count(*)::int from cases where resident_id = ${resident.id}) as mine, (select reltuples::int from pg_class where relname = 'cases') as all`;
  if (mine === 50 && all >= TOTAL_CASES * 0.99) {
    console.log(`  reusing ${all} cases (BENCH_KEEP_DB)`);
    return { headers: { Cookie: resident.cookie } };
  }
  // 100,000 other residents, with ids derived from a number so cases can point at them without a join.
  await sql`
    insert into users (id, name, roles)
    select md5('bench-resident-' || n)::uuid, 'Bewoner ' || n, '{resident}' from generate_series(0, 99999) n`;
  // A bulk load is much faster with the secondary indexes built afterwards.
  await sql`drop index cases_resident_idx, cases_idempotency_uq, cases_team_open_idx`;
  await sql`
    insert into cases (reference, service_id, resident_id, created_by_id, channel, team_id, status, result, answers, submitted_at, due_at, closed_at, last_change_at)
    select 'MEC-' || (2019 + n / 200000) || '-' || lpad((n % 200000 + 1)::text, 6, '0'),
           (${sql.array(defs.map((d) => d.service_id))}::uuid[])[1 + n % ${defs.length}],
           md5('bench-resident-' || (n % 100000))::uuid, md5('bench-resident-' || (n % 100000))::uuid,
           'web', null,
           case when n % 5 < 3 then 'ingetrokken' else 'ontvangen' end,
           case when n % 5 < 3 then 'ingetrokken' end,
           '{}'::jsonb,
           now() - (n % 2000) * interval '1 hour', now() + interval '30 days' - (n % 2000) * interval '1 hour',
           case when n % 5 < 3 then now() - (n % 1000) * interval '1 hour' end,
           now() - (n % 2000) * interval '1 hour'
    from generate_series(0, ${TOTAL_CASES - 51}) n`;
  // The benchmarked resident: 50 cases this year, a third of them closed, two waiting for them.
  await sql`
    insert into cases (reference, service_id, resident_id, created_by_id, channel, status, result, answers, submitted_at, due_at, waiting_since, closed_at, last_change_at)
    select 'MEC-2026-' || lpad(n::text, 6, '0'),
           (${sql.array(defs.map((d) => d.service_id))}::uuid[])[1 + n % ${defs.length}],
           ${resident.id}, ${resident.id}, 'web',
           case when n % 3 = 0 then 'ingetrokken' else 'ontvangen' end,
           case when n % 3 = 0 then 'ingetrokken' end,
           '{}'::jsonb, now() - n * interval '1 day', now() + interval '30 days' - n * interval '1 day',
           case when n in (4, 8) then now() - interval '2 days' end,
           case when n % 3 = 0 then now() - n * interval '12 hours' end,
           now() - n * interval '1 day'
    from generate_series(1, 50) n`;
  // The same definitions as migration 0002_cases.
  await sql`create index cases_resident_idx on cases (resident_id, (closed_at is not null), last_change_at desc nulls last)`;
  await sql`create unique index cases_idempotency_uq on cases (created_by_id, idempotency_key)`;
  await sql`create index cases_team_open_idx on cases (team_id, status) where closed_at is null`;
  await sql`insert into case_sequences (year, last) values (2026, 50) on conflict (year) do update set last = greatest(case_sequences.last, 50)`;
  await sql`analyze cases`;
  await sql`analyze users`;
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int n from cases`;
  console.log(`  prepared ${n} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { headers: { Cookie: resident.cookie } };
}

async function submitting({ sql, baseUrl }: BenchContext) {
  const pool: string[] = [];
  for (let i = 0; i < 200; i++) pool.push((await residentWithSession(sql, `bench.submit.${i}@example.com`)).cookie);
  let next = 0;
  const step = new URLSearchParams({
    subject: "Vraag over afval",
    question: "Wanneer wordt het afval opgehaald in mijn straat?",
    answerBy: "portaal",
    phone: "",
    _intent: "next",
  }).toString();
  type Ctx = { cookie?: string };
  const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl };
  return {
    headers: { Cookie: pool[0], ...form },
    // Each connection files a request as its own resident: the last (only) form step, then "Verstuur" with a fresh key.
    requests: [
      {
        method: "POST",
        path: "/aanvragen/vraag-aan-de-stad?stap=1",
        setupRequest: (req: Record<string, unknown>, ctx: Ctx) => {
          ctx.cookie = pool[next++ % pool.length];
          return { ...req, body: step, headers: { ...(req.headers as object), ...form, Cookie: ctx.cookie } };
        },
      },
      {
        method: "POST",
        path: "/aanvragen/vraag-aan-de-stad/controleren",
        setupRequest: (req: Record<string, unknown>, ctx: Ctx) => ({
          ...req,
          body: new URLSearchParams({ idempotencyKey: randomUUID() }).toString(),
          headers: { ...(req.headers as object), ...form, Cookie: ctx.cookie! },
        }),
      },
    ],
  };
}

export const scenarios: Scenario[] = [
  { name: "Mijn dossiers (50 of 1M cases)", path: "/mijn/dossiers", setup: millionCases, rates: STEADY_RATES, target: "p99 < 50 ms" },
  { name: "submit a request (step+submit)", path: "/aanvragen/vraag-aan-de-stad?stap=1", method: "POST", setup: submitting, target: "302 redirects expected" },
];
