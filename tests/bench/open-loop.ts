import http from "node:http";

/**
 * An open-loop load: requests leave at evenly spaced moments, whether or not earlier answers
 * are in, the way independent residents arrive. Latency counts from the moment a request was
 * due, so a server that falls behind is charged for the queue it builds (no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it lets every connection send its whole quota for the
 * second back to back at the start of each second and then idle, i.e. a burst at full
 * saturation every second, and its latency correction then assumes a 1 ms interval. Its p99
 * "at half load" was the saturation p99 in disguise.
 */
export type OpenLoopRequest = { method: string; path: string; headers: Record<string, string>; body?: string };
type Step = { method?: string; path?: string; setupRequest?: (req: Record<string, unknown>, ctx: Record<string, unknown>) => Record<string, unknown> };

/** non2xx counts every answer outside 2xx and every failed request; errors the failed ones (no answer at all). */
export type OpenLoopFigures = { rps: number; p50: number; p99: number; non2xx: number; errors: number };

export async function openLoop(opts: {
  url: string;
  /** requests per second */
  rate: number;
  /** seconds */
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** An autocannon-style request sequence (with setupRequest), sent in order per arrival. */
  requests?: unknown[];
}): Promise<OpenLoopFigures> {
  const target = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const steps = (opts.requests as Step[] | undefined) ?? [{}];
  const base: OpenLoopRequest = { method: opts.method ?? "GET", path: target.pathname + target.search, headers: opts.headers ?? {}, body: opts.body };
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;

  const send = (req: OpenLoopRequest) =>
    new Promise<number>((resolve, reject) => {
      const r = http.request({ agent, host: target.hostname, port: target.port, method: req.method, path: req.path, headers: req.headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      r.on("error", reject);
      r.end(req.body);
    });

  const arrival = async (due: number) => {
    const ctx: Record<string, unknown> = {};
    let from = due;
    for (const step of steps) {
      let req: OpenLoopRequest = { ...base, method: step.method ?? base.method, path: step.path ?? base.path };
      if (step.setupRequest) req = step.setupRequest(req as unknown as Record<string, unknown>, ctx) as unknown as OpenLoopRequest;
      const status = await send(req).catch(() => 0);
      const now = performance.now();
      latencies.push(now - from);
      if (status === 0) errors++;
      if (status < 200 || status >= 300) non2xx++;
      from = now;
    }
  };

  const interval = 1000 / (opts.rate / steps.length);
  const start = performance.now();
  const end = start + opts.duration * 1000;
  const pending: Promise<void>[] = [];
  let next = start;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (next <= now && next < end) {
        pending.push(arrival(next));
        next += interval;
      }
      if (next >= end) return done();
      setTimeout(tick, Math.max(0, next - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] * 10) / 10;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), non2xx, errors };
}
