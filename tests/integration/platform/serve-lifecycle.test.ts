import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { freePort } from "../../setup/free-port";

/** The README's promise: start, stop with Ctrl+C or SIGTERM, start again: data kept, seeds not doubled. */
const dataDir = `.data/test-lifecycle-${process.pid}`;
let pgPort = 0;
let httpPort = 0;

function startPortal(): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    PORT: String(httpPort),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    RUN_WORKER: "false",
  };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { env, stdio: ["ignore", "ignore", "pipe"] });
  // Kept to explain a failed start (the portal prints one line saying why).
  let stderr = "";
  child.stderr?.on("data", (chunk) => (stderr += String(chunk)));
  Object.defineProperty(child, "stderrText", { get: () => stderr });
  return child;
}

async function waitHealthy(child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}: ${(child as ChildProcess & { stderrText?: string }).stderrText ?? ""}`);
    try {
      const res = await fetch(`http://127.0.0.1:${httpPort}/healthz`);
      if (res.ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("portal did not start");
}

const stop = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });

async function counts() {
  const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${pgPort}/mechelaar`, { max: 1, onnotice: () => {} });
  try {
    const [row] =
      await sql`select (select count(*)::int from users) as users, (select count(*)::int from teams) as teams, (select count(*)::int from services) as services, (select count(*)::int from users where email = 'kept@example.com') as kept`;
    return row;
  } finally {
    await sql.end();
  }
}

describe("the portal's lifecycle with the embedded PostgreSQL", () => {
  it("stops cleanly on SIGTERM and SIGINT and keeps its data without duplicating seeds", async () => {
    rmSync(dataDir, { recursive: true, force: true });
    pgPort = await freePort();
    do httpPort = await freePort();
    while (httpPort === pgPort);
    try {
      let portal = startPortal();
      await waitHealthy(portal);
      const res = await fetch(`http://127.0.0.1:${httpPort}/registreren`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: `http://127.0.0.1:${httpPort}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ name: "Blijft Bewaard", email: "kept@example.com", preferredLanguage: "nl", preferredChannel: "email" }),
      });
      expect(res.status).toBe(302);
      const before = await counts();
      expect(before.kept).toBe(1);
      expect(await stop(portal, "SIGTERM")).toBe(0);
      // The embedded server went down with the portal: its port is free again.
      await expect(counts()).rejects.toThrow();

      portal = startPortal();
      await waitHealthy(portal);
      expect(await counts()).toEqual(before);
      expect(await stop(portal, "SIGINT")).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it("stops within 10 seconds on SIGTERM even when the embedded PostgreSQL died under it", async () => {
    rmSync(dataDir, { recursive: true, force: true });
    pgPort = await freePort();
    do httpPort = await freePort();
    while (httpPort === pgPort);
    try {
      const portal = startPortal();
      await waitHealthy(portal);
      // Kill the postmaster the hard way, as the kernel's OOM killer or an operator would.
      const pid = Number(readFileSync(`${dataDir}/pg/postmaster.pid`, "utf8").split("\n")[0]);
      process.kill(pid, "SIGKILL");
      const alive = () => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      while (alive()) await new Promise((r) => setTimeout(r, 50));
      // The hard bound: the portal has ended 10 seconds after SIGTERM.
      const exit = new Promise<number | null>((resolve) => portal.once("exit", (code) => resolve(code)));
      portal.kill("SIGTERM");
      const outcome = await Promise.race([exit, new Promise<"still running">((r) => setTimeout(() => r("still running"), 10_000))]);
      if (outcome === "still running") portal.kill("SIGKILL");
      expect(outcome).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
