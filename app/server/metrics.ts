import cluster from "node:cluster";
import http from "node:http";
import type { Sql } from "postgres";
import client from "prom-client";
import { logger } from "../modules/platform/logger.server";

/**
 * Prometheus metrics (prom-client), served on their own port (METRICS_PORT, on
 * METRICS_HOST = 127.0.0.1 by default) so they are never public. Names and meaning:
 * docs/operations.md, "Logs and metrics".
 *
 * Two registries:
 * - the global one, in every process that serves HTTP: request durations, kiosk scans,
 *   Mikipedia searches and the default process metrics. With WEB_CONCURRENCY > 1 the primary
 *   asks each HTTP process for it and sums them (prom-client's AggregatorRegistry).
 * - the database one, only in the process that serves /metrics: gauges read from PostgreSQL
 *   when Prometheus scrapes (outbox, counter queues, cases, connections), cached for a few
 *   seconds so several scrapers cost one round of queries.
 *
 * This file is loaded twice in a running portal (by the scripts and inside the server build),
 * so the metrics live on `globalThis` under a registered symbol: both copies count into the
 * same series.
 */

type HttpMetrics = {
  requestDuration: client.Histogram<"route" | "method" | "status_class">;
  kioskScans: client.Counter<"result">;
  offlineScans: client.Counter<"result">;
  offlineConflicts: client.Counter<"kind">;
  searches: client.Counter<"channel" | "results">;
};
const KEY = Symbol.for("mechelaar.metrics");
const holder = globalThis as unknown as { [KEY]?: HttpMetrics };

/** The metrics every HTTP process keeps, created once per process (with the default process metrics). */
export function httpMetrics(): HttpMetrics {
  if (holder[KEY]) return holder[KEY];
  client.collectDefaultMetrics();
  // Gauges named like counters fail `promtool check metrics`; their by-type twins
  // (nodejs_active_handles{type}, ...) carry the same numbers.
  for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) client.register.removeSingleMetric(name);
  holder[KEY] = {
    requestDuration: new client.Histogram({
      name: "mechelaar_http_request_duration_seconds",
      help: "Time from the request's arrival to the last byte of the response, by route id, method and status class.",
      labelNames: ["route", "method", "status_class"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    kioskScans: new client.Counter({ name: "mechelaar_kiosk_scans_total", help: "QR scans at door kiosks, by result.", labelNames: ["result"] }),
    offlineScans: new client.Counter({
      name: "mechelaar_kiosk_offline_scans_total",
      help: "Scans a door kiosk decided without network, recorded when it synced, by result.",
      labelNames: ["result"],
    }),
    offlineConflicts: new client.Counter({
      name: "mechelaar_kiosk_offline_conflicts_total",
      help: "Offline admissions the server would have refused (pass used twice, or revoked), by kind.",
      labelNames: ["kind"],
    }),
    searches: new client.Counter({
      name: "mechelaar_knowledge_searches_total",
      help: 'Mikipedia searches by channel; results="none" counts the searches without any result.',
      labelNames: ["channel", "results"],
    }),
  };
  // In an HTTP process of a cluster: answer the primary's requests for these metrics.
  if (cluster.isWorker) new client.AggregatorRegistry();
  return holder[KEY];
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function observeRequest(routeId: string, method: string, status: number, seconds: number) {
  httpMetrics().requestDuration.observe({ route: routeId, method: METHODS.has(method) ? method : "other", status_class: `${Math.floor(status / 100)}xx` }, seconds);
}

export function countKioskScan(result: string) {
  httpMetrics().kioskScans.inc({ result });
}

export function countOfflineScan(result: string) {
  httpMetrics().offlineScans.inc({ result });
}

export function countOfflineConflict(kind: string) {
  httpMetrics().offlineConflicts.inc({ kind });
}

export function countSearch(channel: string, resultCount: number) {
  httpMetrics().searches.inc({ channel, results: resultCount > 0 ? "some" : "none" });
}

type DbFigures = {
  connections: { state: string; count: number }[];
  lockWaits: number;
  outbox: { pending: number; failed: number; oldestPendingSeconds: number };
  themes: { theme: string; waiting: number; longestWaitSeconds: number; averageWaitSeconds: number }[];
  teams: { team: string; open: number; overdue: number }[];
  openOfflineConflicts: number;
};

/** One round of read-only queries over the operational tables (indexed; a few milliseconds). */
async function readFigures(sql: Sql): Promise<DbFigures> {
  const [connections, lockWaits, outbox, themes, teams, conflicts] = await Promise.all([
    sql<{ state: string; count: number }[]>`
      select coalesce(state, 'unknown') as state, count(*)::int as count from pg_stat_activity
      where datname = current_database() and application_name = 'mechelaar-portal' and pid <> pg_backend_pid()
      group by 1`,
    sql<{ count: number }[]>`
      select count(*)::int as count from pg_stat_activity
      where datname = current_database() and application_name = 'mechelaar-portal' and wait_event_type = 'Lock'`,
    sql<{ pending: number; failed: number; oldest: number }[]>`
      select count(*) filter (where status = 'pending')::int as pending, count(*) filter (where status = 'failed')::int as failed,
        coalesce(extract(epoch from now() - min(created_at) filter (where status = 'pending')), 0)::float8 as oldest
      from outbox where status in ('pending', 'failed')`,
    sql<{ theme: string; waiting: number; longest: number; average: number }[]>`
      select t.slug as theme, count(k.id) filter (where k.status = 'waiting')::int as waiting,
        coalesce(extract(epoch from now() - min(k.created_at) filter (where k.status = 'waiting')), 0)::float8 as longest,
        coalesce(avg(k.wait_seconds), 0)::float8 as average
      from desk_themes t
      left join tickets k on k.theme_id = t.id and k.day = (now() at time zone 'Europe/Brussels')::date
      where t.active group by t.slug`,
    // Overdue as in the daily overview: past due, unless the clock was paused before it ran out.
    sql<{ team: string; open: number; overdue: number }[]>`
      select coalesce(tm.slug, 'none') as team, count(*)::int as open,
        count(*) filter (where c.due_at < now() and (c.waiting_since is null or c.due_at < c.waiting_since))::int as overdue
      from cases c left join teams tm on tm.id = c.team_id
      where c.closed_at is null group by 1`,
    sql<{ count: number }[]>`select count(*)::int as count from access_offline_conflicts where handled_at is null`,
  ]);
  return {
    connections: [...connections],
    lockWaits: lockWaits[0]?.count ?? 0,
    outbox: { pending: outbox[0]?.pending ?? 0, failed: outbox[0]?.failed ?? 0, oldestPendingSeconds: outbox[0]?.oldest ?? 0 },
    themes: themes.map((t) => ({ theme: t.theme, waiting: t.waiting, longestWaitSeconds: t.longest, averageWaitSeconds: t.average })),
    teams: [...teams],
    openOfflineConflicts: conflicts[0]?.count ?? 0,
  };
}

/**
 * The registry of gauges read from PostgreSQL at scrape time. `sql` is the process's pool;
 * answers are reused for `cacheMs`, and a failed read leaves the gauges empty (the scrape
 * still answers, and `mechelaar_db_up` says 0).
 */
export function databaseRegistry(sql: () => Sql, { cacheMs = 5000, poolSize, processes }: { cacheMs?: number; poolSize: number; processes: number }) {
  const registry = new client.Registry();
  let cached: { at: number; figures: Promise<DbFigures | undefined> } | undefined;
  const figures = () => {
    if (!cached || Date.now() - cached.at > cacheMs) {
      cached = {
        at: Date.now(),
        figures: readFigures(sql()).catch((err: unknown) => {
          logger().warn({ err }, "metrics: could not read the database figures");
          return undefined;
        }),
      };
    }
    return cached.figures;
  };
  const gauge = <L extends string>(name: string, help: string, labelNames: L[], fill: (g: client.Gauge<L>, f: DbFigures) => void) =>
    new client.Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const f = await figures();
        this.reset();
        if (f) fill(this, f);
      },
    });

  gauge("mechelaar_db_up", "1 when the database answered the last metrics read.", [], (g) => g.set(1));
  new client.Gauge({ name: "mechelaar_db_pool_max", help: "Configured connections per process (DB_POOL_SIZE) times the HTTP processes.", registers: [registry] }).set(
    poolSize * processes,
  );
  gauge(
    "mechelaar_db_connections",
    "The portal's open PostgreSQL connections by state (active or idle in transaction = in use, idle = free in a pool), all processes, not counting the metrics query.",
    ["state"],
    (g, f) => {
      for (const state of ["active", "idle", "idle in transaction"]) g.set({ state }, 0);
      for (const c of f.connections) g.set({ state: c.state }, c.count);
    },
  );
  gauge("mechelaar_db_connections_waiting", "The portal's connections whose query waits for a lock.", [], (g, f) => g.set(f.lockWaits));
  gauge("mechelaar_outbox_pending", "E-mails waiting in the outbox to be sent.", [], (g, f) => g.set(f.outbox.pending));
  gauge("mechelaar_outbox_failed", "E-mails the worker gave up on (status failed).", [], (g, f) => g.set(f.outbox.failed));
  gauge("mechelaar_outbox_oldest_pending_age_seconds", "Age of the oldest e-mail still pending; 0 when none is.", [], (g, f) => g.set(f.outbox.oldestPendingSeconds));
  gauge("mechelaar_desk_queue_length", "Tickets waiting now at the themed counters (themaloketten), per theme (today, Brussels time).", ["theme"], (g, f) => {
    for (const t of f.themes) g.set({ theme: t.theme }, t.waiting);
  });
  gauge("mechelaar_desk_longest_wait_seconds", "How long the longest-waiting ticket has waited, per theme; 0 when nobody waits.", ["theme"], (g, f) => {
    for (const t of f.themes) g.set({ theme: t.theme }, t.longestWaitSeconds);
  });
  gauge("mechelaar_desk_average_wait_seconds", "Average wait until the first call of today's called tickets, per theme.", ["theme"], (g, f) => {
    for (const t of f.themes) g.set({ theme: t.theme }, t.averageWaitSeconds);
  });
  gauge(
    "mechelaar_kiosk_offline_conflicts_open",
    "Passes offline door kiosks let in that the server would have refused, not yet closed by an admin on /werk/toegang.",
    [],
    (g, f) => g.set(f.openOfflineConflicts),
  );
  gauge("mechelaar_cases_open", "Open cases per team.", ["team"], (g, f) => {
    for (const t of f.teams) g.set({ team: t.team }, t.open);
  });
  gauge("mechelaar_cases_overdue", "Open cases past their due date per team (a paused clock does not make a case late).", ["team"], (g, f) => {
    for (const t of f.teams) g.set({ team: t.team }, t.overdue);
  });
  return registry;
}

export type MetricsServer = { port: number; stop: () => Promise<void> };

/**
 * The /metrics endpoint on its own port. `clustered`: the HTTP metrics come from the forked
 * HTTP processes (summed); otherwise from this process.
 */
export async function startMetricsServer(opts: { port: number; host: string; clustered: boolean; database: client.Registry }): Promise<MetricsServer | undefined> {
  const aggregator = opts.clustered ? new client.AggregatorRegistry() : undefined;
  if (!opts.clustered) httpMetrics();
  const render = async () => {
    const own = aggregator ? await aggregator.clusterMetrics() : await client.register.metrics();
    return `${own.trimEnd()}\n${await opts.database.metrics()}`;
  };
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found: try /metrics\n");
      return;
    }
    render().then(
      (text) => res.writeHead(200, { "Content-Type": client.register.contentType }).end(text),
      (err: unknown) => {
        logger().error({ err }, "metrics: could not render");
        res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("metrics unavailable\n");
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      // A taken port must not stop the portal: say so and serve without metrics.
      if (err.code === "EADDRINUSE") {
        logger().error(`metrics: port ${opts.port} on ${opts.host} is taken; metrics are not served (set METRICS_PORT)`);
        resolve(undefined);
      } else reject(err);
    });
    server.listen(opts.port, opts.host, () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : opts.port,
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
