import { fork, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { runMigrations } from "../../db/migrate";
import { acquireTestServer, cloneDatabase, createTemplate, databaseUrl, dropDatabase } from "../setup/test-postgres";
import type { Scenario } from "./types";
import { openLoop } from "./open-loop";
import { processTreeCpuMs } from "./process-cpu";
import { scenarios as foundation } from "./scenarios/foundation";
import { accessBenchEnv, scenarios as access } from "./scenarios/access";
import { scenarios as cases } from "./scenarios/cases";
import { scenarios as knowledge } from "./scenarios/knowledge";
import { scenarios as contacts } from "./scenarios/contacts";
import { scenarios as backoffice } from "./scenarios/backoffice";
import { scenarios as insights } from "./scenarios/insights";

/**
 * `npm run bench`: builds the portal, starts the production server on a fresh database and
 * measures each scenario with autocannon beside a bare Node http server that returns the
 * same bytes, measured in the same run. Prints requests/s, p50, p99 and the ratio.
 */
// Order matters: the later scenarios reuse the 1,000,000 cases the cases scenario makes.
const ALL: Scenario[] = [...foundation, ...access, ...knowledge, ...cases, ...contacts, ...backoffice, ...insights];

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3222);
const BASELINE_PORT = PORT + 1;

type Figures = { rps: number; p50: number; p99: number; non2xx: number; errors?: number; cpuUsPerRequest?: number };

/**
 * Besides the saturation run (every connection sends its next request as soon as the answer
 * is in, so p99 is mostly time spent queueing), each scenario is measured again with requests
 * arriving evenly at half the throughput it reached (open loop, see open-loop.ts): the latency
 * residents see from a server that is busy but not overloaded. BENCH_HALF_LOAD=0 skips it.
 */
const HALF_LOAD = process.env.BENCH_HALF_LOAD !== "0";
/** Steady-load runs are longer: their p99 should rest on a few thousand requests, not a few hundred. */
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 20);

/** `cpuOf`: the server's process tree, whose CPU time per answered request is reported beside req/s. */
async function measure(url: string, s: Pick<Scenario, "method" | "headers" | "body"> & { requests?: unknown[] }, cpuOf?: number): Promise<Figures> {
  const cpuBefore = processTreeCpuMs(cpuOf);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, method: s.method ?? "GET", headers: s.headers, body: s.body, requests: s.requests });
  const cpuAfter = processTreeCpuMs(cpuOf);
  const answered = result.requests.total;
  const cpuUsPerRequest = cpuBefore !== undefined && cpuAfter !== undefined && answered > 0 ? ((cpuAfter - cpuBefore) * 1000) / answered : undefined;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, cpuUsPerRequest };
}

function run(cmd: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    spawn(cmd, args, { stdio: "inherit" }).on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed`))));
  });
}

async function waitFor(url: string) {
  // Up to 4 minutes: on a busy shared machine, migrations and seeds alone can take a minute.
  for (let i = 0; i < 960; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

async function startBaseline(body: Buffer, contentType: string): Promise<ChildProcess> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "bench-")), "body");
  writeFileSync(file, body);
  const child = fork(path.resolve("tests/bench/baseline-server.mjs"), [String(BASELINE_PORT), file, contentType], { stdio: "inherit" });
  await new Promise((r) => child.once("message", r));
  return child;
}

/**
 * BENCH_KEEP_DB=1 keeps the benchmark database (`mech_bench_kept`) between runs: generating the
 * 1,000,000 cases takes minutes, and the scenarios reuse what is there. The portal migrates it
 * on start as usual. Drop it with `BENCH_KEEP_DB=fresh` (recreated, then kept).
 */
const KEEP_DB = process.env.BENCH_KEEP_DB;
/** BENCH_KEEP_DB_NAME: another name for the kept database (on a PostgreSQL shared by several people). */
const KEPT_NAME = process.env.BENCH_KEEP_DB_NAME ?? "mech_bench_kept";

async function benchDatabase(adminUrl: string): Promise<{ name: string; drop: () => Promise<void> }> {
  if (!KEEP_DB) {
    const template = await createTemplate(adminUrl);
    const name = await cloneDatabase(adminUrl, template, "mech_bench");
    return {
      name,
      drop: async () => {
        await dropDatabase(adminUrl, name);
        await dropDatabase(adminUrl, template);
      },
    };
  }
  if (KEEP_DB === "fresh") await dropDatabase(adminUrl, KEPT_NAME);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [found] = await admin`select 1 from pg_database where datname = ${KEPT_NAME}`;
    if (!found) await admin.unsafe(`create database "${KEPT_NAME}"`);
    console.log(found ? `  reusing database ${KEPT_NAME}` : `  created database ${KEPT_NAME} (kept after the run)`);
  } finally {
    await admin.end();
  }
  await runMigrations(databaseUrl(adminUrl, KEPT_NAME));
  return { name: KEPT_NAME, drop: async () => {} };
}

/**
 * The portal runs as it would be deployed: one HTTP process per core (WEB_CONCURRENCY,
 * docs/performance.md). WEB_CONCURRENCY=1 measures a single process.
 */
const HTTP_PROCESSES = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());

/** BENCH_CPU_PROF=dir starts the portal with `node --cpu-prof` writing its profile there on exit. */
const CPU_PROF = process.env.BENCH_CPU_PROF;

async function main() {
  await run("npx", ["remix", "build"]);
  const server = await acquireTestServer();
  const bench = await benchDatabase(server.adminUrl);
  const dbName = bench.name;
  const url = databaseUrl(server.adminUrl, dbName);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const baseUrl = `http://127.0.0.1:${PORT}`;
  // The portal is started with each scenario's own environment (Scenario.env, e.g. the search
  // cache off) and restarted only when that changes between scenarios.
  let portal: ChildProcess | undefined;
  let portalEnv = "";
  const stopPortal = async () => {
    if (!portal) return;
    const p = portal;
    portal = undefined;
    if (p.exitCode === null) {
      p.kill("SIGTERM");
      await new Promise((r) => (p.exitCode !== null ? r(null) : p.once("exit", r)));
    }
  };
  const startPortal = async (extra: Record<string, string> = {}) => {
    const key = JSON.stringify(extra);
    if (portal && key === portalEnv) return;
    await stopPortal();
    portalEnv = key;
    if (Object.keys(extra).length)
      console.log(
        `  portal with ${Object.entries(extra)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ")}`,
      );
    portal = spawn(process.execPath, [...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : []), "--import", "tsx", "scripts/serve.ts"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: url,
        PORT: String(PORT),
        HOST: "127.0.0.1",
        PUBLIC_URL: baseUrl,
        SESSION_SECRET: "benchmark-only-secret-0123456789abcdef",
        SMTP_URL: "smtp://127.0.0.1:1",
        RUN_WORKER: "false",
        WEB_CONCURRENCY: String(HTTP_PROCESSES),
        ...accessBenchEnv,
        ...extra,
      },
    });
    await waitFor(`${baseUrl}/healthz`);
  };
  const rows: { name: string; portal: Figures; baseline: Figures; half?: Figures & { rate: number }; steady: (Figures & { rate: number })[]; target?: string }[] = [];
  try {
    // BENCH_ONLY=text runs only the scenarios whose name contains it ("a|b": either).
    const only = process.env.BENCH_ONLY?.split("|").filter(Boolean);
    for (const scenario of ALL.filter((s) => !only?.length || only.some((o) => s.name.includes(o)))) {
      await startPortal(scenario.env);
      const prepared = (await scenario.setup?.({ baseUrl, sql })) ?? {};
      const headers = { ...scenario.headers, ...prepared.headers };
      const body = prepared.body ?? scenario.body;
      const target = `${baseUrl}${prepared.path ?? scenario.path}`;
      const sample = await fetch(target, { method: scenario.method ?? "GET", headers, body, redirect: "manual" });
      const bytes = Buffer.from(await sample.arrayBuffer());
      const baseline = await startBaseline(bytes, sample.headers.get("content-type") ?? "text/plain");
      try {
        const base = await measure(`http://127.0.0.1:${BASELINE_PORT}/`, { method: scenario.method, body });
        const measured = await measure(target, { ...scenario, headers, body, requests: prepared.requests }, portal?.pid);
        const rate = Math.max(1, Math.round(measured.rps / 2));
        const half = HALF_LOAD
          ? { ...(await openLoop({ url: target, rate, duration: DURATION, method: scenario.method, headers, body, requests: prepared.requests })), rate }
          : undefined;
        const steady = [];
        for (const r of scenario.rates ?? [])
          steady.push({ ...(await openLoop({ url: target, rate: r, duration: STEADY_SECONDS, method: scenario.method, headers, body, requests: prepared.requests })), rate: r });
        rows.push({ name: scenario.name, portal: measured, baseline: base, half, steady, target: scenario.target });
      } finally {
        baseline.kill();
      }
    }
  } finally {
    await stopPortal();
    await sql.end();
    await bench.drop();
    await server.stop();
  }

  const pad = (v: string, n: number) => v.padEnd(n);
  console.log(`\nBenchmark: ${CONNECTIONS} connections, ${DURATION} s per run, ${os.cpus().length} cores, Node ${process.version}, portal with ${HTTP_PROCESSES} HTTP process(es)`);
  console.log(
    `${pad("scenario", 34)}${pad("req/s", 10)}${pad("CPU µs/req", 12)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("baseline req/s", 16)}${pad("ratio", 8)}${pad("non-2xx", 9)}${pad("½ load, even arrivals: req/s p50 p99", 38)}target`,
  );
  for (const r of rows) {
    const half = r.half ? `${r.half.rate} ${r.half.p50} ${r.half.p99}` : "–";
    console.log(
      `${pad(r.name, 34)}${pad(r.portal.rps.toFixed(0), 10)}${pad(r.portal.cpuUsPerRequest?.toFixed(0) ?? "–", 12)}${pad(String(r.portal.p50), 9)}${pad(String(r.portal.p99), 9)}${pad(r.baseline.rps.toFixed(0), 16)}${pad((r.portal.rps / r.baseline.rps).toFixed(3), 8)}${pad(String(r.portal.non2xx), 9)}${pad(half, 38)}${r.target ?? ""}`,
    );
  }
  const steady = rows.filter((r) => r.steady.length);
  if (steady.length) {
    console.log(`\nLatency at steady loads (requests arriving evenly, open loop, ${STEADY_SECONDS} s each; latency counted from the moment a request was due)`);
    console.log(`${pad("scenario", 42)}${pad("load req/s", 12)}${pad("served req/s", 14)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("non-2xx", 9)}${pad("errors", 8)}target`);
    for (const r of steady) {
      for (const f of r.steady)
        console.log(
          `${pad(r.name, 42)}${pad(String(f.rate), 12)}${pad(f.rps.toFixed(0), 14)}${pad(String(f.p50), 9)}${pad(String(f.p99), 9)}${pad(String(f.non2xx), 9)}${pad(String(f.errors ?? 0), 8)}${r.target ?? ""}`,
        );
    }
  }
}

main().catch((err) => {
  console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
