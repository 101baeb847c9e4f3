import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { ensureResident } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

/**
 * Issue 12 item 8: a database failure never shows SQL, query parameters, a session id or a
 * cookie value, in any mode; a stack trace only in development and only to a browser on
 * the same machine (here: a loopback connection without a proxy's X-Forwarded-For).
 */
let prod: Awaited<ReturnType<typeof startTestServer>>;
let dev: Awaited<ReturnType<typeof startTestServer>>;
let cookie = "";
let sessionId = "";

beforeAll(async () => {
  prod = await startTestServer({ mode: "production" });
  dev = await startTestServer({ mode: "development" });
  const resident = await ensureResident(db, { email: "fout@example.com" });
  cookie = (await startUserSession(new Request("http://portal.test/"), resident.id, false)).split(";")[0];
  const [row] = (await db.execute(sql`select id from sessions where user_id = ${resident.id}`)) as unknown as { id: string }[];
  sessionId = row.id;
});
afterAll(async () => {
  await prod.close();
  await dev.close();
});

/** Runs `fn` while `statement` has broken the database, then repairs it. */
async function whileBroken(statement: ReturnType<typeof sql>, repair: ReturnType<typeof sql>, fn: () => Promise<void>) {
  await db.execute(statement);
  try {
    await fn();
  } finally {
    await db.execute(repair);
  }
}

const REMOTE = { "X-Forwarded-For": "203.0.113.7" };
const STACK = /\n\s+at |node_modules|\/work\/|\.ts:\d+|\.js:\d+/;

function expectNothingSecret(body: string, headers: Headers) {
  const all = body + [...headers].map(([k, v]) => `${k}: ${v}`).join("\n");
  expect(all).not.toContain(sessionId);
  expect(all).not.toContain(cookie.split("=").slice(1).join("="));
  expect(all).not.toContain(encodeURIComponent(sessionId));
  expect(all).not.toMatch(/Failed query|params:|\bselect\b[\s\S]*\bfrom\b|"sessions"|expires_at|knowledge_articles|insights_/i);
}

async function check(res: Response, expectStack: boolean) {
  expect(res.status).toBe(500);
  const body = await res.text();
  expectNothingSecret(body, res.headers);
  if (expectStack) expect(body).toMatch(/\s+at /);
  else expect(body).not.toMatch(STACK);
  return body;
}

describe("a database failure on a page", () => {
  it("shows the neutral error page without SQL, parameters or the session id, in every mode", async () => {
    await whileBroken(sql`alter table sessions rename column expires_at to expires_at_gone`, sql`alter table sessions rename column expires_at_gone to expires_at`, async () => {
      for (const path of ["/mijn", "/", "/mijn/dossiers", "/mijn.data", "/_root.data"]) {
        const page = await check(await prod.get(path, { Cookie: cookie }), false);
        if (!path.endsWith(".data")) expect(page).toContain("Er ging iets mis bij ons");
        await check(await dev.get(path, { Cookie: cookie, ...REMOTE }), false);
        // Development on this machine may show where it failed, still without SQL or parameters.
        const local = await dev.get(path, { Cookie: cookie });
        expect(local.status).toBe(500);
        expectNothingSecret(await local.text(), local.headers);
      }
    });
  });

  it("gives resource routes (open-data CSV) a plain 500 without the query", async () => {
    await whileBroken(
      sql`alter table insights_case_facts rename to insights_case_facts_gone`,
      sql`alter table insights_case_facts_gone rename to insights_case_facts`,
      async () => {
        await check(await prod.get("/api/v1/open-data/digitaal-aanvragen.csv", { Cookie: cookie }), false);
        await check(await dev.get("/api/v1/open-data/digitaal-aanvragen.csv", { Cookie: cookie, ...REMOTE }), false);
        const local = await dev.get("/api/v1/open-data/digitaal-aanvragen.csv", { Cookie: cookie });
        expect(local.status).toBe(500);
        expectNothingSecret(await local.text(), local.headers);
      },
    );
  });
});

describe("a database failure in the search API", () => {
  it("answers neutral JSON instead of Express's error page", async () => {
    await whileBroken(sql`alter table knowledge_articles rename to knowledge_articles_gone`, sql`alter table knowledge_articles_gone rename to knowledge_articles`, async () => {
      let n = 0;
      for (const [server, headers, stack] of [
        [prod, {}, false],
        [dev, REMOTE, false],
        [dev, {}, true],
      ] as const) {
        const res = await server.get(`/api/v1/knowledge/search?q=paspoort${++n}`, { Cookie: cookie, ...headers });
        expect(res.headers.get("content-type")).toContain("application/json");
        const body = await check(res, stack);
        expect(JSON.parse(body)).toMatchObject({ error: "server_error", status: 500 });
        expect(body).not.toContain("<!DOCTYPE");
      }
    });
  });
});
