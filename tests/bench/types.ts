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
  /** Target from the issue, printed beside the figures (never asserted: machines are noisy). */
  target?: string;
};
