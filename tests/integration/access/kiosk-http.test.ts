import { request as httpRequest } from "node:http";
import { eq, sql } from "drizzle-orm";
import { outbox } from "../../../db/schema";
import { createInvitation } from "../../../app/modules/access/invitations.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../app/utils/db.server";
import { cookieJar, startTestServer } from "../../setup/http-server";
import { buildingBySlug, makeKiosk, makePass, tamperedToken } from "../../factories/access";
import { ensureStaff } from "../../factories/identity";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function kioskSession(credential: string) {
  const jar = cookieJar();
  const res = await server.post("/kiosk", { _intent: "login", credential });
  jar.store(res);
  return { res, jar };
}

describe("the kiosk over HTTP", () => {
  it("signs in with its credential, answers a scan in large words with colour and icon, and refuses without a kiosk cookie", async () => {
    const host = await ensureStaff(db, { name: "Gert Gastheer", email: "gert@example.com", roles: ["host"] });
    const kiosk = await makeKiosk(db, { buildingSlug: "zeeridder" });
    const pass = await makePass(db, { hostId: host.id, buildingSlug: "zeeridder", visitorName: "Els" });

    const anonymous = await server.post("/kiosk/scan", { code: pass.token });
    expect(anonymous.status).toBe(401);
    const { res, jar } = await kioskSession(kiosk.credential);
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/__mechelaar_kiosk=.*Path=\/.*HttpOnly/i);

    const page = await (await server.get("/kiosk", { Cookie: jar.header() })).text();
    expect(page).toContain("Toegang: De Zeeridder");

    // Without JavaScript: the plain form post renders the answer.
    const html = await (await server.post("/kiosk", { _intent: "scan", code: pass.token }, { Cookie: jar.header() })).text();
    expect(html).toContain('data-outcome="welcome"');
    expect(html).toContain("kiosk-answer-ok");
    expect(html).toContain("Welkom, Els. U wordt verwacht door Gert Gastheer.");
    const again = await server.post("/kiosk/scan", { code: pass.token }, { Cookie: jar.header(), "Accept-Language": "en" });
    expect(await again.json()).toEqual({ outcome: "already_used" });
    const forged = await server.post("/kiosk/scan", { code: tamperedToken(pass.token) }, { Cookie: jar.header() });
    expect(await forged.json()).toEqual({ outcome: "not_city_code" });
  });

  it("reads a scan sent in pieces without a length, and refuses one over 4 kB with 413 and an answer", async () => {
    const host = await ensureStaff(db, { name: "Gert Gastheer", email: "gert@example.com", roles: ["host"] });
    const kiosk = await makeKiosk(db, { buildingSlug: "zeeridder" });
    const pass = await makePass(db, { hostId: host.id, buildingSlug: "zeeridder", visitorName: "Ria" });
    const { jar } = await kioskSession(kiosk.credential);
    // A scanner script may stream its body (Transfer-Encoding: chunked) in small pieces.
    const chunkedScan = (pieces: string[]) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const headers = { Origin: server.baseUrl, Cookie: jar.header(), "Content-Type": "application/x-www-form-urlencoded" };
        const req = httpRequest(server.baseUrl + "/kiosk/scan", { method: "POST", headers, agent: false }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += String(c)));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject);
        for (const piece of pieces) req.write(piece);
        req.end();
      });
    const form = `code=${encodeURIComponent(pass.token)}`;
    const welcome = await chunkedScan([form.slice(0, 10), form.slice(10, 40), form.slice(40)]);
    expect(welcome.status).toBe(200);
    expect(JSON.parse(welcome.body)).toMatchObject({ outcome: "welcome" });
    const tooLong = await chunkedScan([`code=${"A".repeat(3000)}`, "B".repeat(3000)]);
    expect(tooLong.status).toBe(413);
    expect(JSON.parse(tooLong.body)).toEqual({ error: "payload_too_large" });
  });

  it("refuses a wrong credential, and a revoked kiosk can neither sign in nor scan", async () => {
    const host = await ensureStaff(db, { email: "rev.host@example.com", roles: ["host"] });
    const kiosk = await makeKiosk(db, { buildingSlug: "bibliotheek" });
    const pass = await makePass(db, { hostId: host.id, buildingSlug: "bibliotheek" });
    const wrong = await server.post("/kiosk", { _intent: "login", credential: `${kiosk.id}.not-the-secret` });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Deze sleutel is niet juist");

    const { jar } = await kioskSession(kiosk.credential);
    await db.execute(sql`update access_kiosks set revoked_at = now() where id = ${kiosk.id}`);
    const scan = await server.post("/kiosk/scan", { code: pass.token }, { Cookie: jar.header() });
    expect(scan.status).toBe(401);
    const page = await (await server.get("/kiosk", { Cookie: jar.header() })).text();
    expect(page).toContain("Zuil niet actief");
    expect((await server.post("/kiosk", { _intent: "login", credential: kiosk.credential })).status).toBe(400);
  });

  it("shows the visitor's pass page from the mail link, cacheable in their browser only, and nothing with a wrong key", async () => {
    const host = await ensureStaff(db, { name: "Pia Gastvrouw", email: "pia@example.com", roles: ["host"] });
    const actor = (await loadCurrentUser(host.id))!;
    const building = await buildingBySlug(db, "schepenhuis");
    const date = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
    await createInvitation(actor, {
      visitors: [{ name: "Tom", email: "tom@example.com", organisation: "", language: "en" }],
      buildingId: building.id,
      purpose: "Meeting",
      entries: "single",
      repeatWeeks: 1,
      date,
      from: "10:00",
      until: "11:00",
    });
    const [mail] = await db.select().from(outbox).where(eq(outbox.toAddress, "tom@example.com"));
    const path = new URL(mail.text.match(/https?:\/\/\S+\/pas\/\S+/)![0]).pathname;
    const res = await server.get(path, { "Accept-Language": "en" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, max-age=86400");
    const html = await res.text();
    expect(html).toContain("Your access to Schepenhuis (vrijetijdsbalie)");
    expect(html).toContain('src="data:image/png;base64,');
    expect(html).toContain("Ask your host for the address.");
    expect((await server.get(path.replace(/\/[^/]+$/, "/wrong"))).status).toBe(404);
  });

  it("serves the ZXing WebAssembly decoder from our own origin", async () => {
    const res = await server.get("/kiosk/zxing_reader.wasm");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/wasm");
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
  });
});
