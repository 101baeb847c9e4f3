export type BenchContext = {
  baseUrl: string;
  /** postgres.js client on the benchmark database, for preparing data. */
  sql: import("postgres").Sql;
};

export type Scenario = {
  name: string;
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Prepares data or a login; may return headers (e.g. a session cookie) and a path to use. */
  setup?: (ctx: BenchContext) => Promise<{
    headers?: Record<string, string>;
    path?: string;
    body?: string;
    /** autocannon request sequence (per connection) */
    requests?: unknown[];
  } | void>;
  /**
   * Steady loads (requests per second, arriving evenly) at which to report latency as well:
   * for pages whose target is a p99, the load it should hold at (see open-loop.ts).
   */
  rates?: number[];
  /**
   * Environment for the portal while this scenario runs (e.g. `SEARCH_CACHE_SECONDS: "0"`);
   * run.ts restarts the portal when it differs from the previous scenario's.
   */
  env?: Record<string, string>;
  /** Target from the issue, printed beside the figures (never asserted: machines are noisy). */
  target?: string;
};

/**
 * The steady loads the pages with a p99 target are measured at. 100 requests per second is
 * 360,000 page views an hour: far more than Mechelen's residents or staff make at a peak, so a
 * p99 that holds there holds in real use. The lower loads show how latency grows towards it.
 * BENCH_RATES=a,b,c overrides.
 */
export const STEADY_RATES = (process.env.BENCH_RATES ?? "25,50,100")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
