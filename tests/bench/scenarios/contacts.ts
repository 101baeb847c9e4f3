import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { STEADY_RATES, type BenchContext, type Scenario } from "../types";

/**
 * Issue 5: the 360° view of a resident with 200 timeline items (contact moments, cases,
 * appointments, tickets) in a database of 1,000,000 cases. Target p99 < 80 ms.
 * Every request also writes its audit row, as in real use.
 */

const TOTAL_CASES = Number(process.env.BENCH_TOTAL_CASES ?? 1_000_000);
const SESSION_SECRET = "benchmark-only-secret-0123456789abcdef"; // the one tests/bench/run.ts starts the portal with
const sessionCookie = createCookie("__mechelaar_session", { httpOnly: true, sameSite: "lax", path: "/", secrets: [SESSION_SECRET] });

async function staffSession(sql: BenchContext["sql"]) {
  const [agent] = await sql<{ id: string }[]>`
    insert into users (name, email, roles) values ('Bench Loket', 'bench.frontoffice@example.com', '{frontoffice}')
    on conflict ((lower(email))) do update set roles = '{frontoffice}' returning id`;
  const sid = randomBytes(32).toString("base64url");
  await sql`insert into sessions (id, user_id, data, expires_at) values (${sid}, ${agent.id}, ${sql.json({ userId: agent.id, staff: true })}, now() + interval '1 day')`;
  return { id: agent.id, cookie: (await sessionCookie.serialize(sid)).split(";")[0] };
}

/**
 * Loads the million cases unless another scenario (cases.ts) already did. Its own ids and
 * reference years (2000-2004) never clash with that scenario's.
 */
async function ensureMillionCases(sql: BenchContext["sql"]) {
  // The residents the background rows below belong to, whoever made the cases.
  await sql`
    insert into users (id, name, roles)
    select md5('bench-contacts-resident-' || n)::uuid, 'Bewoner ' || n, '{resident}' from generate_series(0, 99999) n
    on conflict do nothing`;
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int n from cases`;
  if (n >= TOTAL_CASES - 1000) return;
  const defs = await sql<{ service_id: string }[]>`select service_id from case_definitions order by service_id`;
  if (!defs.length) throw new Error("no request definitions seeded");
  await sql`
    insert into cases (reference, service_id, resident_id, created_by_id, channel, status, answers, submitted_at, due_at, closed_at, last_change_at)
    select 'MEC-' || (2000 + n / 200000) || '-' || lpad((n % 200000 + 1)::text, 6, '0'),
           (${sql.array(defs.map((d) => d.service_id))}::uuid[])[1 + n % ${defs.length}],
           md5('bench-contacts-resident-' || (n % 100000))::uuid, md5('bench-contacts-resident-' || (n % 100000))::uuid,
           (array['web','counter','phone','email'])[1 + n % 4],
           case when n % 5 < 3 then 'ingetrokken' else 'ontvangen' end,
           '{}'::jsonb, now() - (n % 2000) * interval '1 hour', now() + interval '30 days',
           case when n % 5 < 3 then now() - (n % 1000) * interval '1 hour' end,
           now() - (n % 2000) * interval '1 hour'
    from generate_series(0, ${TOTAL_CASES - n - 1}) n
    on conflict do nothing`;
}

async function residentFile({ sql }: BenchContext) {
  const started = Date.now();
  await ensureMillionCases(sql);
  const agent = await staffSession(sql);
  // A kept benchmark database (BENCH_KEEP_DB) already holds the resident and the background rows.
  const [kept] = await sql<{ id: string }[]>`select id from users where lower(email) = 'bench.tijdlijn@example.com'`;
  if (kept) return { headers: { Cookie: agent.cookie }, path: `/werk/bewoners/${kept.id}` };
  const defs = await sql<{ service_id: string }[]>`select service_id from case_definitions order by service_id`;
  await sql`insert into desk_themes (slug, letter, name) values ('bench-thema', 'Z', ${sql.json({ nl: "Benchthema", en: "Bench theme", fr: "Thème bench" })}) on conflict do nothing`;
  const [theme] = await sql<{ id: string }[]>`select id from desk_themes where slug = 'bench-thema'`;

  // Background: other residents' contacts, tickets and appointments, so every table is big.
  await sql`
    insert into contact_moments (resident_id, channel, subject, outcome, staff_id, occurred_at)
    select case when n % 10 = 0 then null else md5('bench-contacts-resident-' || (n % 100000))::uuid end,
           (array['counter','phone','email','letter'])[1 + n % 4], 'Vraag ' || n, 'answered', ${agent.id}, now() - (n % 5000) * interval '1 hour'
    from generate_series(1, 200000) n`;
  await sql`
    insert into tickets (day, theme_id, number, resident_id, status, created_at)
    select (now() - (n / 500) * interval '1 day')::date, ${theme.id}, 'Z-' || n, md5('bench-contacts-resident-' || (n % 100000))::uuid, 'done', now() - (n / 500) * interval '1 day'
    from generate_series(1, 100000) n
    on conflict do nothing`;
  await sql`
    insert into appointments (reference, theme_id, resident_id, starts_at, ends_at)
    select 'AF-BENCH-' || n, ${theme.id}, md5('bench-contacts-resident-' || (n % 100000))::uuid, now() - n * interval '1 hour', now() - n * interval '1 hour' + interval '15 minutes'
    from generate_series(1, 50000) n
    on conflict do nothing`;

  // The benchmarked resident: 200 timeline items across the four sources.
  const [resident] = await sql<{ id: string }[]>`
    insert into users (name, email, phone, roles) values ('Bench Tijdlijn', 'bench.tijdlijn@example.com', '015 00 00 01', '{resident}') returning id`;
  await sql`
    insert into contact_moments (resident_id, channel, subject, summary, outcome, staff_id, occurred_at)
    select ${resident.id}, (array['counter','phone','email','letter'])[1 + n % 4], 'Contact ' || n, 'Korte samenvatting ' || n, 'answered', ${agent.id}, now() - n * interval '7 hours'
    from generate_series(1, 80) n`;
  await sql`
    insert into cases (reference, service_id, resident_id, created_by_id, channel, status, answers, submitted_at, due_at, last_change_at)
    select 'MEC-1999-' || lpad(n::text, 6, '0'), (${sql.array(defs.map((d) => d.service_id))}::uuid[])[1 + n % ${defs.length}],
           ${resident.id}, ${agent.id}, 'counter', 'ontvangen', '{}'::jsonb, now() - n * interval '11 hours', now() + interval '30 days', now() - n * interval '11 hours'
    from generate_series(1, 50) n`;
  await sql`
    insert into appointments (reference, theme_id, resident_id, starts_at, ends_at)
    select 'AF-TIJDLIJN-' || n, ${theme.id}, ${resident.id}, now() - n * interval '13 hours', now() - n * interval '13 hours' + interval '15 minutes'
    from generate_series(1, 40) n`;
  await sql`
    insert into tickets (day, theme_id, number, resident_id, status, created_at)
    select (now() - n * interval '17 hours')::date, ${theme.id}, 'Z-T' || n, ${resident.id}, 'done', now() - n * interval '17 hours'
    from generate_series(1, 30) n`;
  for (const table of ["cases", "users", "contact_moments", "tickets", "appointments"]) await sql.unsafe(`analyze ${table}`);
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int n from cases`;
  console.log(`  prepared a 200-item timeline among ${n} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { headers: { Cookie: agent.cookie }, path: `/werk/bewoners/${resident.id}` };
}

export const scenarios: Scenario[] = [{ name: "360° view (200 items, 1M cases)", path: "/werk/bewoners", setup: residentFile, rates: STEADY_RATES, target: "p99 < 80 ms" }];
