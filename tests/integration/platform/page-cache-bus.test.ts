import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knowledgeArticles } from "../../../db/schema";
import { publishRevision, saveRevision } from "../../../app/modules/knowledge/editorial.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { ensureStaff } from "../../factories/identity";
import { freePort } from "../../setup/free-port";

/**
 * The shared page cache for anonymous visitors (app/server/page-cache.ts) keeps a public page
 * for 60 seconds in each HTTP process. A publication clears it in every process through the
 * cache bus: the next anonymous reader, whichever process serves them, gets the new text.
 */
let port = 0;
let portal: ChildProcess | undefined;
let output = "";

/** One request on a fresh connection, so the cluster hands it to the next process in turn. */
function getPage(path: string): Promise<{ status: number; cache: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent: false, headers: { "Accept-Language": "nl" } }, (res) => {
        let text = "";
        res.on("data", (c) => (text += String(c)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, cache: res.headers["x-page-cache"] as string | undefined, body: text }));
      })
      .on("error", reject);
  });
}

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

afterAll(async () => {
  if (portal && portal.exitCode === null) {
    const p = portal;
    await new Promise((resolve) => {
      p.once("exit", resolve);
      p.kill("SIGTERM");
    });
  }
});

describe("the anonymous page cache with several HTTP processes", () => {
  it("gives every reader a published article within 2 seconds, in every process", async () => {
    port = await freePort();
    portal = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        RUN_WORKER: "false",
        SEED_DEMO: "false",
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        WEB_CONCURRENCY: "2",
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

    const page = "/mikipedia/huis-van-de-mechelaar";
    // Both processes render and keep the page.
    const before = [];
    for (let i = 0; i < 6; i++) before.push(await getPage(page));
    expect(before.every((r) => r.status === 200)).toBe(true);
    expect(before.slice(2).every((r) => r.cache === "hit")).toBe(true);
    expect(before[0].body).not.toContain("Nieuwe titel na publicatie");

    // Two editors publish a new revision (four eyes) from this test process: a third process.
    const author = (await loadCurrentUser((await ensureStaff(db, { email: "auteur.pagecache@example.com", roles: ["editor"] })).id))!;
    const publisher = (await loadCurrentUser((await ensureStaff(db, { email: "eind.pagecache@example.com", roles: ["editor"] })).id))!;
    const [article] = await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.slug, "huis-van-de-mechelaar"), eq(knowledgeArticles.language, "nl")));
    const { title: _old, ...rest } = article;
    const revision = await saveRevision(
      author,
      article.id,
      {
        title: "Nieuwe titel na publicatie",
        summary: rest.summary,
        body: rest.body,
        themes: rest.themes,
        audiences: rest.audiences,
        source: rest.source,
        related: rest.related,
        serviceSlug: rest.serviceSlug,
        searchTerms: rest.searchTerms,
        questions: rest.questions,
        reviewBefore: rest.reviewBefore,
      },
      true,
    );
    await publishRevision(publisher, revision);

    // The bound: within 2 seconds every anonymous reader gets the new text.
    const deadline = Date.now() + 2000;
    let after: Awaited<ReturnType<typeof getPage>>[] = [];
    do {
      await new Promise((r) => setTimeout(r, 100));
      after = [];
      for (let i = 0; i < 4; i++) after.push(await getPage(page));
    } while (Date.now() < deadline && !after.every((r) => r.body.includes("Nieuwe titel na publicatie")));
    expect(after.map((r) => r.body.includes("Nieuwe titel na publicatie"))).toEqual([true, true, true, true]);
  }, 120_000);
});
