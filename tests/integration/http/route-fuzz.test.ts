import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { request as httpRequest } from "node:http";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPaths } from "../../../app/server/build-paths";
import { PLAIN_ROUTES } from "../../../app/server/http-app";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

/**
 * The route fuzz test (issue 12 item 6): every route of the server build and every plain
 * Express route, called as anonymous, resident and staff admin with hostile path values,
 * queries and bodies. No answer may be a 5xx, hold a stack trace, SQL or a session cookie.
 */

let server: Awaited<ReturnType<typeof startTestServer>>;
type Who = { name: string; cookie: string; secret?: string };
const people: Who[] = [{ name: "anonymous", cookie: "" }];

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
  const resident = await ensureResident(db, { email: "fuzz-resident@example.com" });
  const admin = await ensureStaff(db, { email: "fuzz-admin@example.com", roles: ["admin", "frontoffice", "backoffice", "editor", "host"] });
  for (const [name, user, staff] of [
    ["resident", resident, false],
    ["staff admin", admin, true],
  ] as const) {
    const cookie = (await startUserSession(new Request("http://portal.test/"), user.id, staff)).split(";")[0];
    people.push({ name, cookie, secret: cookie.slice(cookie.indexOf("=") + 1) });
  }
});
afterAll(() => server.close());

/** Every route address of the build, with `:param` and `*` left in, and whether it takes posts. */
async function buildRoutes(): Promise<{ pattern: string; action: boolean }[]> {
  const { server: serverPath } = buildPaths();
  if (!existsSync(serverPath)) throw new Error("No build found: run `npm run build` first.");
  const build = (await import(pathToFileURL(serverPath).href)) as ServerBuild;
  const routes = Object.values(build.routes);
  const full = (id: string | undefined): string => {
    const route = id ? build.routes[id] : undefined;
    if (!route) return "";
    const parent = full(route.parentId);
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  const paths = new Map<string, boolean>();
  for (const r of routes) {
    if (!r.module.loader && !r.module.action && !r.module.default) continue;
    const pattern = `/${full(r.id)}`.replace(/\/+/g, "/");
    paths.set(pattern, (paths.get(pattern) ?? false) || Boolean(r.module.action));
  }
  const last = (p: string) => Number(/afmelden/.test(p));
  return [...paths].map(([pattern, action]) => ({ pattern, action })).sort((a, b) => last(a.pattern) - last(b.pattern) || a.pattern.localeCompare(b.pattern));
}

const NOT_A_UUID = "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz";
const UNKNOWN_UUID = "3f1c2b4e-8d7a-4c3b-9e2f-1a2b3c4d5e6f";
/** Path segment values, already percent-encoded as a client would send them. */
const HOSTILE_SEGMENTS = [
  NOT_A_UUID,
  UNKNOWN_UUID,
  "MEC-2026-999999",
  "..%2F..%2Fetc%2Fpasswd",
  "a%00b",
  "x".repeat(5000),
  encodeURIComponent("😀🏠"),
  encodeURIComponent("'; select 1 --"),
  "%C3%28",
];
const HOSTILE_QUERIES = [
  "?q=%00",
  `?q=${"y".repeat(5000)}&stap=${NOT_A_UUID}&id=${NOT_A_UUID}`,
  "?q=%C3%28&lng=%FF",
  `?redirectTo=${encodeURIComponent("'; select 1 --")}&gelukt=${encodeURIComponent("😀")}`,
];

const fill = (pattern: string, value: string) =>
  pattern
    .split("/")
    .map((s) => (s.startsWith(":") || s === "*" ? value : s.replace(/\?$/, "")))
    .join("/");

type Body = { name: string; type?: string; body: string | Buffer | FormData };
const boundary = "----fuzzboundary7MA4YWxkTrZu0gW";
const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
function hostileBodies(intents: string[], fields: string[]): Body[] {
  const ids = Object.fromEntries(
    ["id", "fileId", "deskId", "ticketId", "caseId", "serviceId", "teamId", "userId", "articleId", "reference", "slug", "token", ...fields].map((f) => [f, NOT_A_UUID]),
  );
  const form = (values: Record<string, string>) => new URLSearchParams(values).toString();
  const bodies: Body[] = [
    { name: "NUL in a field", type: "application/x-www-form-urlencoded", body: "_intent=%00&name=a%00b" },
    { name: "unknown _intent with hostile ids", type: "application/x-www-form-urlencoded", body: form({ ...ids, _intent: "__nope__", intent: "__nope__" }) },
    { name: "very long fields", type: "application/x-www-form-urlencoded", body: form({ _intent: "x".repeat(5000), body: "b".repeat(20_000), q: "q".repeat(5000) }) },
    { name: "2 MB url-encoded", type: "application/x-www-form-urlencoded", body: `a=${"a".repeat(2_000_000)}` },
    { name: "invalid percent-encoding", type: "application/x-www-form-urlencoded", body: "_intent=%E0%A4%A&x=%C3%28" },
    { name: "malformed JSON", type: "application/json", body: '{"_intent": "x", ' },
    { name: "text/plain", type: "text/plain", body: "_intent=x" },
    { name: "no content type", body: "_intent=x" },
    { name: "multipart without boundary", type: "multipart/form-data", body: part("_intent", "x") },
    {
      name: "truncated multipart",
      type: `multipart/form-data; boundary=${boundary}`,
      body: `${part("_intent", "x")}--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\nhalf`,
    },
    {
      name: "200 kB multipart text field",
      type: `multipart/form-data; boundary=${boundary}`,
      body: `${part("_intent", "reply")}${part("body", "t".repeat(200_000))}--${boundary}--\r\n`,
    },
    {
      name: "invalid UTF-8 in multipart",
      type: `multipart/form-data; boundary=${boundary}`,
      body: Buffer.concat([
        Buffer.from(part("_intent", "x")),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n`),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    },
  ];
  for (const intent of intents.slice(0, 8)) {
    bodies.push({ name: `_intent=${intent} with hostile ids`, type: "application/x-www-form-urlencoded", body: form({ ...ids, _intent: intent, intent }) });
  }
  return bodies;
}

/** Submit values and field names of the forms on a page, to post them back with hostile values. */
function formsOf(html: string) {
  const intents = new Set<string>();
  for (const m of html.matchAll(/name="_?intent" value="([^"]+)"/g)) intents.add(m[1]);
  const fields = new Set<string>();
  for (const m of html.matchAll(/<(?:input|select|textarea)[^>]*name="([\w.-]+)"/g)) fields.add(m[1]);
  return { intents: [...intents], fields: [...fields].filter((f) => f !== "_intent" && f !== "intent") };
}

const LEAKS: [string, RegExp][] = [
  ["stack trace", /\n\s{2,}at [^\n]*(\(|:\d+:\d+)/],
  ["source line reference", /\.(?:tsx?|m?js):\d+:\d+/],
  ["SQL", /\b(?:select\s+"|insert\s+into\s+"|update\s+"\w+"\s+set|delete\s+from\s+")/i],
  [
    "SQL error",
    /syntax error at or near|invalid input syntax|Failed query|violates (?:unique|foreign key|check) constraint|\bcode: ?'?(?:22P02|42601|42703|42P01|23505|23503|22021|54000|08P01)/i,
  ],
];

type Failure = string;
async function check(failures: Failure[], who: Who, method: string, path: string, answer: Promise<Response>, what = "") {
  const label = `${who.name} ${method} ${path.length > 120 ? `${path.slice(0, 120)}…` : path}${what ? ` [${what}]` : ""}`;
  let res: Response;
  let text: string;
  try {
    res = await answer;
    text = await res.text();
  } catch (err) {
    failures.push(`${label} → no answer (${(err as Error & { cause?: Error }).cause?.message ?? String(err)})`);
    return;
  }
  // /readyz answers 503 by design while the worker has not run (the test server runs none).
  const readinessSignal = res.status === 503 && path.startsWith("/readyz");
  if (res.status >= 500 && !readinessSignal) failures.push(`${label} → ${res.status}`);
  for (const [name, pattern] of LEAKS) if (pattern.test(text)) failures.push(`${label} → body holds ${name}: ${text.match(pattern)![0].slice(0, 80)}`);
  for (const p of people) if (p.secret && (text.includes(p.secret) || text.includes(decodeURIComponent(p.secret)))) failures.push(`${label} → body holds a session cookie`);
}

/** Runs the calls a few at a time: bounded, and quick on two cores. */
async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

function send(who: Who, method: string, path: string, body?: Body): Promise<Response> {
  const headers: Record<string, string> = { Accept: "text/html" };
  if (who.cookie) headers.Cookie = who.cookie;
  if (method === "GET") return fetch(server.baseUrl + path, { headers, redirect: "manual" });
  // Posts go over a connection of their own: an answer given before the body is read
  // (413, 405) must not spoil the next request on a shared connection.
  headers.Origin = server.baseUrl;
  if (body?.type) headers["Content-Type"] = body.type;
  const bytes = body ? (typeof body.body === "string" ? Buffer.from(body.body) : (body.body as Buffer)) : Buffer.alloc(0);
  headers["Content-Length"] = String(bytes.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest(server.baseUrl + path, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode })));
      res.on("error", reject);
    });
    // The server may answer and close before the whole body is sent: the answer counts.
    req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "EPIPE" ? undefined : reject(err)));
    req.end(bytes);
  });
}

const remixRoutes = await buildRoutes();

describe("route fuzz: hostile input is a 4xx, never a 5xx or a leak", () => {
  it("lists every Remix route of the build and every plain Express route", () => {
    expect(remixRoutes.length).toBeGreaterThan(40);
    expect(remixRoutes.map((r) => r.pattern)).toContain("/pas/:id/:key");
    expect(Object.values(PLAIN_ROUTES).map((r) => r.path)).toContain("/kiosk/scan");
  });

  it("has every route import the request kernel through its browser-safe entry (app/utils/kernel.ts)", () => {
    // Route modules are bundled for the browser too, where kernel.server.ts is an empty module:
    // a module-level loaderOf(...) taken from it directly would throw there and stop hydration.
    const dir = path.join(process.cwd(), "app", "routes");
    const direct = readdirSync(dir).filter((f) => /from "~\/utils\/kernel\.server"/.test(readFileSync(path.join(dir, f), "utf8")));
    expect(direct).toEqual([]);
  });

  it("has every loader and action go through the request kernel: guard, then parse, then one call", () => {
    const dir = path.join(process.cwd(), "app", "routes");
    const outside = readdirSync(dir).filter((f) =>
      /export (async )?function (loader|action)\b|export const (loader|action) = (?!loaderOf\(|actionOf\()/.test(readFileSync(path.join(dir, f), "utf8")),
    );
    expect(outside).toEqual([]);
  });

  for (const whoName of ["anonymous", "resident", "staff admin"]) {
    it(`answers every route called as ${whoName} with hostile input without a 5xx or a leak`, { timeout: 180_000 }, async () => {
      const who = people.find((p) => p.name === whoName)!;
      const failures: Failure[] = [];
      let calls = 0;
      const jobs: (() => Promise<void>)[] = [];
      const all = [...remixRoutes, ...Object.values(PLAIN_ROUTES).map((r) => ({ pattern: r.path, action: r.method === "POST" }))];
      for (const { pattern, action } of all) {
        const dynamic = /\/(:|\*)/.test(pattern);
        const getPaths = dynamic ? HOSTILE_SEGMENTS.map((v) => fill(pattern, v)) : [pattern, ...HOSTILE_QUERIES.map((q) => pattern + q)];
        if (dynamic) getPaths.push(fill(pattern, UNKNOWN_UUID) + HOSTILE_QUERIES[1]);
        for (const path of getPaths) {
          jobs.push(async () => {
            calls++;
            await check(failures, who, "GET", path, send(who, "GET", path));
          });
        }
        jobs.push(async () => {
          // The forms the page offers this person, posted back with hostile values.
          const target = fill(pattern, UNKNOWN_UUID);
          const page = action ? await send(who, "GET", target).catch(() => undefined) : undefined;
          const { intents, fields } = formsOf(page?.status === 200 ? await page.text() : "");
          // A route without an action answers 405 to any post: two bodies show the edge holds there too.
          const bodies = hostileBodies(intents, fields).filter((b, i) => (action ? who.name === "anonymous" || !b.name.startsWith("2 MB") : i < 2));
          const postTargets = dynamic ? [target, fill(pattern, NOT_A_UUID)] : [target];
          for (const [i, body] of bodies.entries()) {
            const path = postTargets[i % postTargets.length];
            calls++;
            await check(failures, who, "POST", path, send(who, "POST", path, body), body.name);
          }
        });
      }
      // Routes are sorted with logging out last, so the other calls keep their session.
      await pool(jobs, 6, (job) => job());
      expect(calls).toBeGreaterThan(500);
      expect(failures, failures.join("\n")).toEqual([]);
    });
  }
});
