import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knowledgeArticles } from "../../../db/schema";
import { pinBestBet } from "../../../app/modules/knowledge/editorial.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { ensureStaff } from "../../factories/identity";
import { freePort } from "../../setup/free-port";

/**
 * WEB_CONCURRENCY > 1: several Node processes serve HTTP on one port, each with its own
 * in-process caches. A change made anywhere must show in every process at once, not after
 * the cache's lifetime (here set to ten minutes, so only the cache bus can clear it).
 */
let port = 0;
let portal: ChildProcess | undefined;
let output = "";

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    env: { ...process.env, HOST: "127.0.0.1", RUN_WORKER: "false", SEED_DEMO: "false", ...env, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (c) => (output += String(c)));
  child.stderr?.on("data", (c) => (output += String(c)));
  return child;
}

/** One request on a fresh connection, so the cluster hands it to the next process in turn. */
function getJson(path: string): Promise<{ status: number; body: { results: { slug: string; bestBet?: boolean }[] } }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
        let text = "";
        res.on("data", (c) => (text += String(c)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      })
      .on("error", reject);
  });
}

async function waitHealthy(child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`portal did not start: ${output}`);
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

afterAll(async () => {
  if (portal) await stop(portal);
});

describe("several HTTP processes (WEB_CONCURRENCY)", () => {
  it("show a change made in one place in every process at once", async () => {
    port = await freePort();
    portal = start({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, WEB_CONCURRENCY: "2", SEARCH_CACHE_SECONDS: "600" });
    await waitHealthy(portal);
    // The start line comes once every process listens (healthz may answer just before).
    for (let i = 0; i < 50 && !output.includes("HTTP processes"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain("2 HTTP processes");

    const search = "/api/v1/knowledge/search?q=loket&lang=nl";
    // Both processes answer (and cache) the search before the change.
    for (let i = 0; i < 6; i++) {
      const r = await getJson(search);
      expect(r.status).toBe(200);
      expect(r.body.results.some((x) => x.bestBet)).toBe(false);
    }

    // An editor pins a best bet; this test process is a third process on the same database.
    const editor = (await loadCurrentUser((await ensureStaff(db, { email: "redactie.bus@example.com", roles: ["editor"] })).id))!;
    const [article] = await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.slug, "huis-van-de-mechelaar"), eq(knowledgeArticles.language, "nl")));
    await pinBestBet(editor, article.id, "loket");

    // The notification takes a moment to arrive; after that, every answer has the best bet.
    let firsts: string[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      firsts = [];
      for (let i = 0; i < 6; i++) firsts.push((await getJson(search)).body.results[0]?.slug ?? "");
      if (firsts.every((s) => s === "huis-van-de-mechelaar")) break;
    }
    expect(firsts).toEqual(Array(6).fill("huis-van-de-mechelaar"));
  }, 120_000);

  it("stops with the reason when its HTTP processes cannot listen", async () => {
    const taken = net.createServer();
    const busy = await freePort();
    await new Promise<void>((r) => taken.listen(busy, "127.0.0.1", () => r()));
    try {
      output = "";
      const child = start({ PORT: String(busy), PUBLIC_URL: `http://127.0.0.1:${busy}`, WEB_CONCURRENCY: "2" });
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code).toBe(1);
      expect(output).toContain(`Port ${busy} is taken`);
    } finally {
      taken.close();
    }
  }, 120_000);
});
