import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bufferedLines, configureLogger, logError, logger } from "../../../app/modules/platform/logger.server";

/**
 * The production log destination collects JSON lines before writing them (logger.server.ts):
 * an operator must still get every line, warnings and errors at once, the rest within a second, and
 * whatever is collected when the process ends.
 */
const files: number[] = [];
function logFile() {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "log-buffer-")), "out.log");
  const fd = openSync(file, "a");
  files.push(fd);
  return {
    file,
    fd,
    lines: () =>
      readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
afterEach(() => {
  for (const fd of files.splice(0)) closeSync(fd);
});

async function eventually<T>(read: () => T, done: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return read();
}

describe("buffered log lines", () => {
  it("writes a warning or an error at once, together with the lines logged before it", async () => {
    const out = logFile();
    await configureLogger({ level: "info", destination: bufferedLines(2048, out.fd) });
    logger().info({ reqId: "r1" }, "request");
    logger().warn("metrics: could not read the database figures");
    expect(out.lines().map((l) => l.msg)).toEqual(["request", "metrics: could not read the database figures"]);
    logger().info({ reqId: "r2" }, "request");
    logError(new Error("database down"), "loader failed");
    const lines = out.lines();
    expect(lines.map((l) => l.msg)).toEqual(["request", "metrics: could not read the database figures", "request", "loader failed"]);
    expect(lines.map((l) => l.level)).toEqual([30, 40, 30, 50]);
  });

  it("writes lines without an error within about a second, with nothing else logged", async () => {
    const out = logFile();
    await configureLogger({ level: "info", destination: bufferedLines(2048, out.fd) });
    logger().info({ reqId: "r2" }, "request");
    const lines = await eventually(out.lines, (l) => l.length > 0);
    expect(lines.map((l) => l.reqId)).toEqual(["r2"]);
  });

  it("writes what is collected when the process exits", () => {
    const out = logFile();
    const script = `
      import { bufferedLines, configureLogger, logger } from ${JSON.stringify(path.resolve("app/modules/platform/logger.server.ts"))};
      await configureLogger({ level: "info", destination: bufferedLines(2048, 3) });
      for (let i = 0; i < 3; i++) logger().info({ n: i }, "request");
      process.exit(0);
    `;
    execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "inherit", out.fd], timeout: 60_000 });
    expect(out.lines().map((l) => l.n)).toEqual([0, 1, 2]);
  });
});
