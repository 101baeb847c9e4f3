import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../setup/free-port";

/**
 * WEB_CONCURRENCY > 1: the primary serves /metrics on METRICS_PORT with the request metrics
 * of every HTTP process summed (prom-client's AggregatorRegistry), plus the database gauges
 * once; the output passes `promtool check metrics`. The access log of each process reaches
 * the portal's output as JSON lines.
 */
let portal: ChildProcess | undefined;
let output = "";

afterAll(async () => {
  if (portal && portal.exitCode === null) {
    const p = portal;
    await new Promise((r) => {
      p.once("exit", r);
      p.kill("SIGTERM");
    });
  }
});

/** One request on a fresh connection, so the cluster hands it to the next process in turn. */
function get(port: number, path: string): Promise<{ status: number; requestId: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, requestId: String(res.headers["x-request-id"]) }));
      })
      .on("error", reject);
  });
}

describe("metrics with several HTTP processes", () => {
  it("sums the processes' request counts on the primary's metrics port", async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    portal = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        WEB_CONCURRENCY: "2",
        METRICS_PORT: String(metricsPort),
        LOG_FORMAT: "json",
        RUN_WORKER: "false",
        SEED_DEMO: "false",
        NODE_ENV: "test",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    portal.stdout?.on("data", (c) => (output += String(c)));
    portal.stderr?.on("data", (c) => (output += String(c)));
    for (let i = 0; i < 240 && !output.includes("HTTP processes"); i++) {
      if (portal.exitCode !== null) throw new Error(`portal exited: ${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(output).toContain("2 HTTP processes");

    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await get(port, "/healthz"));
    expect(answers.every((a) => a.status === 200)).toBe(true);

    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    execFileSync("promtool", ["check", "metrics"], { input: text, stdio: ["pipe", "pipe", "pipe"] });
    const line = text.split("\n").find((l) => l.startsWith('mechelaar_http_request_duration_seconds_count{route="fast:health",method="GET",status_class="2xx"}'));
    expect(Number(line?.split(" ").at(-1))).toBe(6);
    expect(text.match(/^mechelaar_db_up /gm)).toHaveLength(1);

    // Both HTTP processes wrote access lines, each with the id its response carried. Each process
    // writes its lines a buffer at a time, at least every second (LOG_BUFFER_BYTES, operations.md).
    for (let i = 0; i < 50 && !answers.every((a) => output.includes(a.requestId)); i++) await new Promise((r) => setTimeout(r, 100));
    const pids = new Set<number>();
    for (const a of answers) {
      const entry = output
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { reqId?: string; pid: number; routeId?: string })
        .find((l) => l.reqId === a.requestId);
      expect(entry?.routeId).toBe("fast:health");
      pids.add(entry!.pid);
    }
    expect(pids.size).toBe(2);
  }, 120_000);
});
