declare module "autocannon" {
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: unknown[];
    overallRate?: number;
  };
  type Histogram = { average: number; p50: number; p90: number; p99: number };
  // requests.total: the requests answered in the whole run.
  type Result = { requests: Histogram & { total: number }; latency: Histogram; non2xx: number };
  export default function autocannon(opts: Options): Promise<Result>;
}
