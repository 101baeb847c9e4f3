import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../../db/schema";
import { rebuildInsights } from "../../../app/modules/insights/refresh.server";
import { generateVolume } from "../../../app/modules/insights/volume.server";
import type { BenchContext, Scenario } from "../types";

/**
 * Issue 8: the insights dashboard for one month (the previous whole month, all teams) on a
 * database of 1,000,000 cases. Cases already made by other scenarios count; the rest is
 * volume data spread over three years (app/modules/insights/volume.server.ts), then the
 * read models are rebuilt. The bench database is a throwaway one, so the "real residents"
 * check of seed:volume is forced.
 */

const TOTAL_CASES = Number(process.env.BENCH_TOTAL_CASES ?? 1_000_000);
const SESSION_SECRET = "benchmark-only-secret-0123456789abcdef"; // the one tests/bench/run.ts starts the portal with
const sessionCookie = createCookie("__mechelaar_session", { httpOnly: true, sameSite: "lax", path: "/", secrets: [SESSION_SECRET] });

const iso = (d: Date) => d.toISOString().slice(0, 10);

async function dashboardMonth({ sql }: BenchContext) {
  const started = Date.now();
  // drizzle changes the JSON serializers of the client it wraps: give it its own, so the shared one stays as other scenarios expect.
  const o = sql.options as unknown as { host: string[]; port: number[]; database: string; user: string; pass: string | null };
  const own = postgres({ host: o.host[0], port: o.port[0], database: o.database, username: o.user, password: o.pass ?? undefined, max: 2, onnotice: () => {} });
  try {
    const conn = drizzle(own, { schema });
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int n from cases`;
    if (n < TOTAL_CASES) {
      await generateVolume(conn, { residents: 100_000, cases: TOTAL_CASES - n, force: true, log: (l) => console.log(l) });
    } else {
      await rebuildInsights(conn);
    }
  } finally {
    await own.end({ timeout: 5 });
  }
  const [admin] = await sql<{ id: string }[]>`
    insert into users (name, email, roles, is_demo) values ('Bench Beheer', 'bench.inzichten@example.com', '{admin}', true)
    on conflict ((lower(email))) do update set roles = '{admin}' returning id`;
  const sid = randomBytes(32).toString("base64url");
  await sql`insert into sessions (id, user_id, data, expires_at) values (${sid}, ${admin.id}, ${sql.json({ userId: admin.id, staff: true })}, now() + interval '1 day')`;
  const cookie = (await sessionCookie.serialize(sid)).split(";")[0];
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const [{ m }] = await sql<{ m: number }[]>`select count(*)::int m from insights_case_facts where submitted_day between ${iso(from)} and ${iso(to)}`;
  console.log(`  dashboard month ${iso(from)}…${iso(to)}: ${m} cases submitted; prepared in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { headers: { Cookie: cookie }, path: `/werk/inzichten?van=${iso(from)}&tot=${iso(to)}&team=` };
}

export const scenarios: Scenario[] = [{ name: "insights dashboard (1 month, 1M cases)", path: "/werk/inzichten", setup: dashboardMonth, target: "p99 < 300 ms" }];
