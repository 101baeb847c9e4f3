import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "../../../db/schema";
import { buildPaths } from "../../../app/server/build-paths";
import { createHttpApp } from "../../../app/server/http-app";
import { db } from "../../../app/utils/db.server";
import { freePort } from "../../setup/free-port";

/**
 * docs/operations.md's set-up for real: Debian's nginx terminates TLS in front of two portal
 * HTTP servers with TRUST_PROXY, and in front of one without. A "city load balancer" in front of
 * nginx is simulated with nginx's realip module (the test client names its address in
 * X-Test-Client), so nginx's $remote_addr, and thus the X-Forwarded-For it sends, is an
 * address the portal could not know otherwise.
 */
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = "a-production-secret-of-at-least-32-characters";
process.env.SMTP_URL = "smtp://127.0.0.1:1";
process.env.RATE_LIMIT_LOGIN_PER_IP = "3";

const NGINX = "/usr/sbin/nginx";
const dir = mkdtempSync(path.join(os.tmpdir(), "mechelaar-nginx-"));
let nginx: ChildProcess | undefined;
const servers: import("node:http").Server[] = [];
let trustedPort = 0;
let untrustedPort = 0;
let ca = "";

async function startApp(trustProxy: boolean) {
  const paths = buildPaths();
  const build = (await import(pathToFileURL(paths.server).href)) as ServerBuild;
  const app = createHttpApp({ build, publicDir: path.resolve("public"), assetsDir: paths.assets, publicUrl: "https://localhost", trustProxy, mode: "production" });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

/** A request through nginx over TLS, as a browser at `client` would send it. */
function request(port: number, pathname: string, opts: { method?: string; client: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: import("node:http").IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: opts.method ?? "GET",
        ca,
        servername: "localhost",
        headers: { Host: "localhost", "X-Test-Client": opts.client, ...opts.headers },
        agent: false,
      },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += String(c)));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const askCode = (port: number, client: string, email: string, headers: Record<string, string> = {}) =>
  request(port, "/aanmelden", {
    method: "POST",
    client,
    headers: { Origin: "https://localhost", "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ email }).toString(),
  });

beforeAll(async () => {
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost",
      "-days",
      "1",
      "-keyout",
      `${dir}/key.pem`,
      "-out",
      `${dir}/cert.pem`,
    ],
    { stdio: "ignore" },
  );
  ca = readFileSync(`${dir}/cert.pem`, "utf8");
  const a = await startApp(true);
  const b = await startApp(true);
  const c = await startApp(false);
  trustedPort = await freePort();
  do untrustedPort = await freePort();
  while (untrustedPort === trustedPort);
  const site = (port: number, upstream: string) => `
    server {
      listen 127.0.0.1:${port} ssl;
      server_name localhost;
      ssl_certificate ${dir}/cert.pem;
      ssl_certificate_key ${dir}/key.pem;
      set_real_ip_from 127.0.0.1;
      real_ip_header X-Test-Client;
      location / {
        proxy_pass http://${upstream};
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
      }
    }`;
  writeFileSync(
    `${dir}/nginx.conf`,
    `daemon off;
    worker_processes 1;
    pid ${dir}/nginx.pid;
    error_log ${dir}/error.log warn;
    events { worker_connections 64; }
    http {
      access_log ${dir}/access.log;
      client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
      upstream trusted { server 127.0.0.1:${a}; server 127.0.0.1:${b}; keepalive 4; }
      upstream untrusted { server 127.0.0.1:${c}; }
      ${site(trustedPort, "trusted")}
      ${site(untrustedPort, "untrusted")}
    }`,
  );
  nginx = spawn(NGINX, ["-c", `${dir}/nginx.conf`, "-p", dir], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  nginx.stderr?.on("data", (c) => (stderr += String(c)));
  for (let i = 0; i < 100; i++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited: ${stderr}${existsSync(`${dir}/error.log`) ? readFileSync(`${dir}/error.log`, "utf8") : ""}`);
    try {
      if ((await request(trustedPort, "/healthz", { client: "192.0.2.1" })).status === 200) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(async () => {
  if (nginx && nginx.exitCode === null) {
    const n = nginx;
    await new Promise((r) => {
      n.once("exit", r);
      n.kill("SIGQUIT");
    });
  }
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  rmSync(dir, { recursive: true, force: true });
});

const keys = async (prefix: string) =>
  (
    await db
      .select({ key: rateLimits.key, hits: rateLimits.hits })
      .from(rateLimits)
      .where(like(rateLimits.key, `${prefix}%`))
  )
    .map((r) => `${r.key}=${r.hits}`)
    .sort();

describe("the portal behind nginx with TLS", () => {
  it("counts rate limits per client address from nginx's X-Forwarded-For with TRUST_PROXY, across both processes, and ignores a client's own header", async () => {
    const results = [];
    // Four different addresses asked for, one client: a header the client sends itself is replaced by nginx.
    for (let i = 0; i < 4; i++) results.push(await askCode(trustedPort, "198.51.100.7", `proxy${i}@example.com`, { "X-Forwarded-For": `203.0.113.${i}` }));
    expect(results.slice(0, 3).map((r) => r.status)).toEqual([302, 302, 302]);
    expect(results[3].status).toBe(429);
    // Another client behind the same proxy is not locked out.
    expect((await askCode(trustedPort, "198.51.100.8", "proxy-other@example.com")).status).toBe(302);
    expect(await keys("code-request:ip:")).toEqual(["code-request:ip:198.51.100.7=4", "code-request:ip:198.51.100.8=1"]);
  });

  it("uses the proxy's own address without TRUST_PROXY, whatever X-Forwarded-For says", async () => {
    await db.delete(rateLimits);
    expect((await askCode(untrustedPort, "198.51.100.9", "proxy-untrusted@example.com")).status).toBe(302);
    expect(await keys("code-request:ip:")).toEqual(["code-request:ip:127.0.0.1=1"]);
  });

  it("sends HSTS and marks cookies Secure", async () => {
    const res = await askCode(trustedPort, "198.51.100.20", "proxy-cookie@example.com");
    expect(res.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    const cookies = res.headers["set-cookie"] ?? [];
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c).toMatch(/;\s*Secure/i);
    const page = await request(trustedPort, "/", { client: "198.51.100.20" });
    expect(page.status).toBe(200);
    expect(page.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });
});
