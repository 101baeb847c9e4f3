import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { gunzipSync } from "node:zlib";
import type { ErrorEvent } from "@sentry/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureLogger } from "../../../app/modules/platform/logger.server";
import { flushErrorReporting, startErrorReporting, stripEvent } from "../../../app/modules/platform/error-reporting.server";
import { startTestServer } from "../../setup/http-server";

/**
 * Errors over real HTTP, with the database unreachable so every query fails: each failed
 * request is logged once at level error with the id its response announces, and (with
 * SENTRY_DSN set) reaches a Sentry-compatible endpoint, here a tiny local HTTP server,
 * without cookies, e-mail addresses or query strings.
 */
process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/nothing";

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    done();
  },
});
type Line = { level: number; msg: string; reqId?: string; routeId?: string; status?: number; err?: { message: string; stack?: string } };
const parsed = () => lines.map((l) => JSON.parse(l) as Line);
const settled = () => new Promise((r) => setTimeout(r, 50));

const envelopes: string[] = [];
const sentry = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    envelopes.push(`${req.url}\n${(req.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body).toString("utf8")}`);
    res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
  });
});

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await new Promise<void>((r) => sentry.listen(0, "127.0.0.1", r));
  await configureLogger({ level: "info", destination: capture });
  startErrorReporting({ dsn: `http://publickey@127.0.0.1:${(sentry.address() as AddressInfo).port}/42`, environment: "test" });
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await new Promise<void>((r) => sentry.close(() => r()));
});

const email = "an.peeters@example.com";
const cookie = "__mechelaar_session=very-secret-cookie-value";

describe("errors", () => {
  it("are logged once with the request id, from a Remix loader and from a fast route", async () => {
    const page = await server.get(`/mikipedia/zoeken?q=${encodeURIComponent(email)}`, { Cookie: cookie });
    const api = await server.get(`/api/v1/knowledge/search?q=${encodeURIComponent(email)}`, { Cookie: cookie });
    expect(page.status).toBe(500);
    expect(api.status).toBe(500);
    expect(await api.json()).toMatchObject({ error: "server_error", status: 500 });
    await settled();

    for (const res of [page, api]) {
      const id = res.headers.get("X-Request-Id")!;
      const errors = parsed().filter((l) => l.level === 50 && l.reqId === id);
      expect(errors).toHaveLength(1);
      expect(errors[0].err?.message).toBeTruthy();
      expect(parsed().filter((l) => l.msg === "request" && l.reqId === id)).toMatchObject([{ status: 500 }]);
    }
    expect(parsed().find((l) => l.reqId === api.headers.get("X-Request-Id") && l.level === 50)?.routeId).toBe("fast:knowledgeSearch");
    const all = lines.join("\n");
    // A failed query's message repeats its parameters (here the e-mail address): they are cut.
    expect(all).toContain("params: [redacted]");
    expect(all).not.toContain("StartSel");
    expect(all).not.toContain(email);
    expect(all).not.toContain("very-secret-cookie-value");
  });

  it("reach the Sentry-compatible endpoint, tagged with the request id, without personal data", async () => {
    const res = await server.get(`/api/v1/knowledge/search?q=${encodeURIComponent(email)}&lang=nl`, { Cookie: cookie });
    expect(res.status).toBe(500);
    await flushErrorReporting(5000);
    const mine = envelopes.filter((e) => e.includes(res.headers.get("X-Request-Id")!));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/^\/api\/42\/envelope\//);
    expect(mine[0]).toContain('"type":"event"');
    const all = envelopes.join("\n");
    expect(all).not.toContain(email);
    expect(all).not.toContain("very-secret-cookie-value");
  });

  it("leave out cookies, headers, bodies, query strings and the user, whatever an event carries", () => {
    const event = stripEvent({
      type: undefined,
      message: `failed for ${email} with code 123456`,
      user: { email, id: "1" },
      request: {
        url: `https://portal.example/aanmelden?email=${email}`,
        method: "POST",
        cookies: { s: "c" },
        headers: { cookie: "s=c" },
        data: `email=${email}`,
        query_string: `email=${email}`,
      },
      exception: { values: [{ type: "Error", value: `duplicate key (email)=(${email}) for 85.07.30-033.28` }] },
      breadcrumbs: [{ message: email }],
      extra: { email },
    } as ErrorEvent);
    const text = JSON.stringify(event);
    for (const secret of [email, "123456", "85.07.30-033.28", "s=c", '"cookies"', "query_string"]) expect(text).not.toContain(secret);
    expect(event.request).toEqual({ method: "POST", url: "https://portal.example/aanmelden" });
  });
});
