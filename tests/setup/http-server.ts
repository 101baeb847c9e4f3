import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { buildPaths } from "../../app/server/build-paths";
import { createHttpApp } from "../../app/server/http-app";

/**
 * Serves the real production build over real HTTP on a free port, against this test
 * file's database. `npm test` builds first; run `npm run build` when calling vitest alone.
 */
export async function startTestServer(options: { mode?: string; trustProxy?: boolean } = {}) {
  const paths = buildPaths();
  if (!existsSync(paths.server)) throw new Error("No build found: run `npm run build` before the HTTP tests.");
  const build = (await import(pathToFileURL(paths.server).href)) as ServerBuild;
  const app = createHttpApp({
    build,
    publicDir: path.resolve("public"),
    assetsDir: paths.assets,
    publicUrl: "http://localhost:1",
    trustProxy: options.trustProxy ?? false,
    mode: options.mode ?? "production",
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    /** A POST as a browser on this site would send it. */
    post(pathname: string, body: Record<string, string>, headers: Record<string, string> = {}) {
      return fetch(baseUrl + pathname, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams(body),
      });
    },
    get(pathname: string, headers: Record<string, string> = {}) {
      return fetch(baseUrl + pathname, { redirect: "manual", headers });
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Collects Set-Cookie values into a Cookie header, like a browser would. */
export function cookieJar() {
  const jar = new Map<string, string>();
  return {
    store(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const [name, ...rest] = pair.split("=");
        const value = rest.join("=");
        if (value === "" || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
        else jar.set(name, value);
      }
    },
    header: () => [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
  };
}
