import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../setup/http-server";

/** Issue 12 item 6 at the HTTP edge: malformed addresses and bodies are 400, oversized bodies 413. */
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** A raw post on its own connection; `chunked` sends the body without a Content-Length. */
function rawPost(path: string, type: string, body: Buffer, chunked = false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Origin: server.baseUrl, "Content-Type": type, Accept: "text/html", "Accept-Language": "nl" };
    if (!chunked) headers["Content-Length"] = String(body.length);
    const req = httpRequest(server.baseUrl + path, { method: "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "EPIPE" ? undefined : reject(err)));
    if (chunked) {
      for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.subarray(i, i + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

const DESK = "/kiosk/tevredenheid/3f1c2b4e-8d7a-4c3b-9e2f-1a2b3c4d5e6f";

describe("the HTTP edge refuses bad input with a clean 4xx", () => {
  it("answers a NUL or invalid UTF-8 in the address with 400: a page for people, JSON for the API", async () => {
    const page = await server.get("/mikipedia/zoeken?q=%00", { Accept: "text/html" });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("Er ging iets mis met uw vraag");
    expect((await server.get("/aanvragen/%C3%28")).status).toBe(400);
    const api = await server.get("/api/v1/knowledge/search?q=%E0%A4%A");
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({ error: "bad_request" });
  });

  it("refuses a form over 1 MB with 413 by its Content-Length, and counts a chunked one while it streams", async () => {
    const big = Buffer.from(`lng=nl&redirectTo=${"a".repeat(2_000_000)}`);
    const declared = await rawPost("/taal", "application/x-www-form-urlencoded", big);
    expect(declared.status).toBe(413);
    expect(declared.text).toContain("Dit is te groot");
    const chunked = await rawPost("/taal", "application/x-www-form-urlencoded", big, true);
    expect(chunked.status).toBe(413);
  });

  it("answers a multipart text field over its limit with 413 instead of a 500", async () => {
    const boundary = "----limitboundary";
    const body = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="score"\r\n\r\n${"5".repeat(200_000)}\r\n--${boundary}--\r\n`);
    expect((await rawPost(DESK, `multipart/form-data; boundary=${boundary}`, body)).status).toBe(413);
  });

  it("answers unreadable bodies with 400: no boundary, truncated multipart, invalid UTF-8, a NUL, JSON to a page", async () => {
    const boundary = "----limitboundary";
    expect((await rawPost(DESK, "multipart/form-data", Buffer.from("score=5"))).status).toBe(400);
    const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="score"\r\n\r\n5`;
    expect((await rawPost(DESK, `multipart/form-data; boundary=${boundary}`, Buffer.from(truncated))).status).toBe(400);
    expect((await rawPost(DESK, "application/x-www-form-urlencoded", Buffer.from("score=%C3%28"))).status).toBe(400);
    expect((await rawPost(DESK, "application/x-www-form-urlencoded", Buffer.from([0x73, 0x3d, 0xff]))).status).toBe(400);
    expect((await rawPost(DESK, "application/x-www-form-urlencoded", Buffer.from("score=5%00"))).status).toBe(400);
    expect((await rawPost(DESK, "application/json", Buffer.from('{"score":'))).status).toBe(400);
  });
});
