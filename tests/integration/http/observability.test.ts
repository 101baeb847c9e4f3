import { execFileSync } from "node:child_process";
import net from "node:net";
import { Writable } from "node:stream";
import { desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offlineConflicts, outbox } from "../../../db/schema";
import { configureLogger } from "../../../app/modules/platform/logger.server";
import { enqueueMail } from "../../../app/modules/notify/outbox.server";
import { takeTicket } from "../../../app/modules/counter/queue.server";
import { scanAtKiosk } from "../../../app/modules/access/scan.server";
import { ensureDeskTheme } from "../../factories/contacts";
import { databaseRegistry, startMetricsServer, type MetricsServer } from "../../../app/server/metrics";
import { db, pgClient } from "../../../app/utils/db.server";
import { cookieJar, startTestServer } from "../../setup/http-server";

/**
 * Logs and metrics over real HTTP: the access log line of each request (captured from the
 * logger's destination) carries the request id the response announces, and nothing personal;
 * /metrics on its own port passes `promtool check metrics` and counts what happened.
 */

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    done();
  },
});
type Line = { level: number; msg: string; reqId?: string; method?: string; path?: string; routeId?: string; status?: number; durationMs?: number; role?: string };
const parsed = () => lines.map((l) => JSON.parse(l) as Line);
const accessLine = (reqId: string) => {
  const found = parsed().filter((l) => l.msg === "request" && l.reqId === reqId);
  expect(found).toHaveLength(1);
  return found[0];
};
/** The line is written when the response has finished; the client may be a moment earlier. */
const settled = () => new Promise((r) => setTimeout(r, 50));

let server: Awaited<ReturnType<typeof startTestServer>>;
let metrics: MetricsServer;
beforeAll(async () => {
  await configureLogger({ level: "info", destination: capture });
  server = await startTestServer();
  metrics = (await startMetricsServer({ port: 0, host: "127.0.0.1", clustered: false, database: databaseRegistry(() => pgClient(), { cacheMs: 0, poolSize: 5, processes: 1 }) }))!;
});
afterAll(async () => {
  await metrics?.stop();
  await server.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the access log", () => {
  it("logs each request once with the id it returns, the route, status, duration and role, and nothing personal", async () => {
    const email = "lotte.janssens@example.com";
    const nationalNumber = "85.07.30-033.28";
    const jar = cookieJar();
    const reg = await server.post("/registreren", { name: "Lotte Janssens", email, preferredLanguage: "nl", preferredChannel: "email", redirectTo: "/mijn" });
    expect(reg.status).toBe(302);
    jar.store(reg);
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.createdAt)).limit(1);
    const code = mail.text.match(/\b(\d{6})\b/)![1];
    const login = await server.post("/aanmelden/code", { code }, { Cookie: jar.header() });
    expect(login.status).toBe(302);
    jar.store(login);
    const sessionValue = jar.header().match(/__mechelaar_session=([^;]+)/)![1];

    // A client's own X-Request-Id is not taken without TRUST_PROXY; query strings are never logged.
    const mine = await server.get(`/mijn?email=${encodeURIComponent(email)}&code=${code}&nr=${encodeURIComponent(nationalNumber)}`, {
      Cookie: jar.header(),
      Authorization: "Bearer secret-bearer-token",
      "X-Request-Id": "chosen-by-client",
    });
    expect(mine.status).toBe(200);
    const search = await server.get(`/mikipedia/zoeken?q=${encodeURIComponent(nationalNumber)}`);
    expect(search.status).toBe(200);
    await settled();

    const id = mine.headers.get("X-Request-Id")!;
    expect(id).toMatch(UUID);
    const line = accessLine(id);
    expect(line).toMatchObject({ method: "GET", path: "/mijn", routeId: "routes/mijn._index", status: 200, role: "resident" });
    expect(typeof line.durationMs).toBe("number");
    expect(accessLine(search.headers.get("X-Request-Id")!)).toMatchObject({ path: "/mikipedia/zoeken", routeId: "routes/mikipedia.zoeken", role: "anonymous" });
    expect(accessLine(login.headers.get("X-Request-Id")!)).toMatchObject({ method: "POST", path: "/aanmelden/code", status: 302 });

    const all = lines.join("\n");
    for (const secret of [email, "lotte.janssens", code, nationalNumber, "85073003328", sessionValue, "secret-bearer-token", "chosen-by-client"]) {
      expect(all, `the log contains ${secret}`).not.toContain(secret);
    }
  });

  it("names fast routes, and a page from the shared cache gets its own request id", async () => {
    const health = await server.get("/healthz");
    // A public page the shared cache keeps (the catalogue is no longer cached there: it answers per Accept).
    const first = await server.get("/dienstverlening-in-cijfers");
    const second = await server.get("/dienstverlening-in-cijfers");
    await settled();
    expect(accessLine(health.headers.get("X-Request-Id")!)).toMatchObject({ routeId: "fast:health", status: 200, role: "anonymous" });
    expect(second.headers.get("X-Page-Cache")).toBe("hit");
    expect(second.headers.get("X-Request-Id")).not.toBe(first.headers.get("X-Request-Id"));
    expect(accessLine(second.headers.get("X-Request-Id")!)).toMatchObject({ routeId: "routes/dienstverlening-in-cijfers", status: 200 });
  });

  it("names the page behind a single-fetch data request, not 'static'", async () => {
    const data = await server.get("/mikipedia/zoeken.data?q=paspoort");
    const again = await server.get("/mikipedia/zoeken.data?q=parkeerkaart");
    await settled();
    for (const res of [data, again])
      expect(accessLine(res.headers.get("X-Request-Id")!)).toMatchObject({ path: "/mikipedia/zoeken.data", routeId: "routes/mikipedia.zoeken", status: 200 });
  });

  it("logs a request the client gave up on once, as aborted", async () => {
    // A form whose body never arrives in full: the visitor's connection drops mid-request.
    const { port } = new URL(server.baseUrl);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    socket.write(
      `POST /aanmelden HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${server.baseUrl}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\nemail=`,
    );
    await settled();
    socket.destroy();
    await settled();
    const aborted = parsed().filter((l) => l.msg === "request" && l.path === "/aanmelden" && (l as { aborted?: boolean }).aborted);
    expect(aborted).toHaveLength(1);
    expect(aborted[0]).toMatchObject({ routeId: "routes/aanmelden._index", method: "POST" });
    expect(aborted[0].reqId).toMatch(UUID);
  });

  it("masks secrets carried in the path", async () => {
    const res = await server.get("/tevredenheid/not-a-real-token-but-secret");
    await settled();
    const line = accessLine(res.headers.get("X-Request-Id")!);
    expect(line.path).toBe("/tevredenheid/:token");
    expect(lines.join("\n")).not.toContain("not-a-real-token-but-secret");
  });
});

describe("metrics", () => {
  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${metrics.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/plain");
    return res.text();
  };
  const value = (text: string, series: string) => {
    const line = text.split("\n").find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it("serves Prometheus text that promtool accepts, with the counts of real requests and database gauges", async () => {
    const before = await scrape();
    const countOf = (text: string, results: string) => value(text, `mechelaar_knowledge_searches_total{channel="api",results="${results}"}`) ?? 0;
    const durationCount = (text: string) => value(text, 'mechelaar_http_request_duration_seconds_count{route="fast:knowledgeSearch",method="GET",status_class="2xx"}') ?? 0;

    const none = await server.get("/api/v1/knowledge/search?q=qqxxzzqq");
    expect((await none.json()).results).toEqual([]);
    await server.get("/api/v1/knowledge/search?q=qqxxzzqq+wwvvyy");
    await db.transaction((tx) => enqueueMail({ to: "metrics@example.com", subject: "s", text: "t", template: "test.metrics", language: "nl" }, tx));
    const notCityCode = (text: string) => value(text, 'mechelaar_kiosk_scans_total{result="not_city_code"}') ?? 0;
    expect((await scanAtKiosk("00000000-0000-4000-8000-000000000000", "not a pass")).outcome).toBe("not_city_code");
    const pending = await db.$count(outbox, eq(outbox.status, "pending"));
    await ensureDeskTheme(db, "metrics-thema", "M");
    await takeTicket({ themeSlug: "metrics-thema", priority: false, language: "nl" }, "metrics-test");
    await takeTicket({ themeSlug: "metrics-thema", priority: false, language: "nl" }, "metrics-test");
    await settled();

    const text = await scrape();
    // promtool reads the exposition on stdin; any problem is a non-zero exit with the reason.
    execFileSync("promtool", ["check", "metrics"], { input: text, stdio: ["pipe", "pipe", "pipe"] });

    expect(countOf(text, "none") - countOf(before, "none")).toBe(2);
    expect(durationCount(text) - durationCount(before)).toBe(2);
    expect(notCityCode(text) - notCityCode(before)).toBe(1);
    expect(value(text, "mechelaar_outbox_pending")).toBe(pending);
    expect(value(text, "mechelaar_outbox_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(0);
    expect(value(text, "mechelaar_db_up")).toBe(1);
    expect(value(text, "mechelaar_kiosk_offline_conflicts_open")).toBe(await db.$count(offlineConflicts, isNull(offlineConflicts.handledAt)));
    expect(value(text, 'mechelaar_desk_queue_length{theme="metrics-thema"}')).toBe(2);
    expect(value(text, 'mechelaar_desk_longest_wait_seconds{theme="metrics-thema"}')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'mechelaar_db_connections{state="active"}')).toBeGreaterThanOrEqual(0);
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });

  it("answers only /metrics", async () => {
    expect((await fetch(`http://127.0.0.1:${metrics.port}/`)).status).toBe(404);
  });
});
