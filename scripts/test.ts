import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateHtmlFolder } from "../tests/setup/html-validator";
import { acquireTestServer, cloneDatabase, createTemplate, databaseUrl, dropDatabase } from "../tests/setup/test-postgres";

/**
 * `npm test`: builds the portal, runs the unit and integration tests (vitest, each file on
 * its own cloned database), then the end-to-end journeys (Playwright in Debian's Chromium)
 * against the production build on a fresh database. Extra arguments go to vitest.
 */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = Number(process.env.E2E_START_TIMEOUT_MS ?? 180_000)) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("The portal stopped before it was ready.");
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The portal did not become healthy at ${url}.`);
}

async function endToEnd(): Promise<number> {
  const server = await acquireTestServer();
  const template = await createTemplate(server.adminUrl);
  const dbName = await cloneDatabase(server.adminUrl, template, "mech_e2e");
  const port = Number(process.env.E2E_PORT ?? 3111);
  const baseUrl = `http://127.0.0.1:${port}`;
  // The e-mail channel's SMTP port for the inbox journey (tests/e2e/inbox.spec.ts).
  const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 10000);
  // The local identity provider with fake identities for the itsme/eID journeys (tests/e2e/eid.spec.ts),
  // on a port derived from E2E_PORT so parallel runs do not collide.
  const idpPort = Number(process.env.E2E_OIDC_PORT ?? port + 20000);
  const portal = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl(server.adminUrl, dbName),
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: baseUrl,
      SEED_DEMO: "true",
      RUN_WORKER: "true",
      // The journeys run against two HTTP processes, as production does (docs/performance.md):
      // a page served by the other process must show what this one just changed.
      WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "2",
      INBOUND_SMTP_PORT: String(smtpPort),
      OIDC_DEV_PROVIDER_PORT: String(idpPort),
      DATA_DIR: ".data/e2e",
      // Every journey logs in from 127.0.0.1; per-address limits are tested in the integration tests.
      RATE_LIMIT_LOGIN_PER_IP: "100000",
      RATE_LIMIT_LOGIN_PER_EMAIL: "1000",
    },
  });
  try {
    await waitForHealth(baseUrl, portal);
    // E2E_GREP runs only the journeys whose title matches (handy while developing).
    const grep = process.env.E2E_GREP ? ["--grep", process.env.E2E_GREP] : [];
    // Every page the journeys check is also kept as HTML source and validated at the end.
    const sources = mkdtempSync(path.join(tmpdir(), "mech-html-"));
    try {
      const code = await run("npx", ["playwright", "test", "-c", "tests/e2e/playwright.config.ts", ...grep], {
        ...process.env,
        BASE_URL: baseUrl,
        E2E_SMTP_PORT: String(smtpPort),
        HTML_SOURCES_DIR: sources,
      });
      const { files, errors } = await validateHtmlFolder(sources);
      console.log(`W3C Nu HTML Checker: ${files} page(s) the journeys visited, ${errors.length} error(s)`);
      for (const e of errors) console.error(`  ${e}`);
      return code !== 0 ? code : errors.length ? 1 : 0;
    } finally {
      rmSync(sources, { recursive: true, force: true });
    }
  } finally {
    portal.kill("SIGTERM");
    await new Promise((r) => (portal.exitCode !== null ? r(null) : portal.once("exit", r)));
    await dropDatabase(server.adminUrl, dbName);
    await dropDatabase(server.adminUrl, template);
    await server.stop();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const skipE2e = args.includes("--no-e2e");
  const onlyE2e = args.includes("--e2e-only");
  const vitestArgs = args.filter((a) => a !== "--no-e2e" && a !== "--e2e-only");
  if ((await run("npx", ["remix", "build"])) !== 0) return 1;
  if (!onlyE2e) {
    // The linter (typescript-eslint, import boundaries; eslint.config.js) and the Prettier check before the tests.
    const lint = await run("npm", ["run", "--silent", "lint"]);
    if (lint !== 0) return lint;
    const unit = await run("npx", ["vitest", "run", ...vitestArgs]);
    if (unit !== 0) return unit;
  }
  if (skipE2e) return 0;
  return endToEnd();
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`✖ ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
