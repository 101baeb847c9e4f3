import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../app/utils/db.server";
import { fixedT } from "../../../app/utils/i18next.server";
import { seedDemoCounter } from "../../../seeds/counter";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await seedDemoCounter(db);
  server = await startTestServer();
});
afterAll(() => server.close());

let lastRefresh: string | null = null;
async function takeTicket(theme: string, lng = "nl") {
  const res = await server.post("/kiosk/loket", { theme }, { "Accept-Language": lng, Cookie: `lng=${lng}` });
  expect(res.status).toBe(302);
  const page = await server.get(res.headers.get("Location")!, { "Accept-Language": lng, Cookie: `lng=${lng}` });
  lastRefresh = page.headers.get("Refresh");
  return page.text();
}

describe("the counter kiosk's ticket screen", () => {
  it("says 'U bent de volgende' to the first in line, counts people correctly, and returns to the start by itself", async () => {
    const first = await takeTicket("vrije-tijd");
    expect(first).toContain("U bent de volgende.");
    expect(first).not.toContain("Er zijn 0 personen");
    // A visible countdown and a "Klaar" button; without JavaScript a refresh does the same.
    expect(first).toContain("Over 10 seconden gaat dit scherm terug naar het begin.");
    expect(first).toMatch(/<a[^>]*class="button"[^>]*href="\/kiosk\/loket"[^>]*>Klaar<\/a>|<a[^>]*href="\/kiosk\/loket"[^>]*class="button"[^>]*>Klaar<\/a>/);
    // Without JavaScript the page's Refresh header does it (a <meta> refresh in <body> is not valid HTML).
    expect(lastRefresh).toBe("10; url=/kiosk/loket");

    const second = await takeTicket("vrije-tijd");
    expect(second).toContain("Er is 1 persoon voor u.");
    const third = await takeTicket("vrije-tijd");
    expect(third).toContain("Er zijn 2 personen voor u.");
  });

  it("answers the page's data request a browser with JavaScript makes (/….data is not an unknown file)", async () => {
    const res = await server.post("/kiosk/loket", { theme: "andere-vraag" });
    const data = await server.get(`${res.headers.get("Location")}.data`);
    expect(data.status).toBe(200);
    expect(await data.text()).toContain("ahead");
    expect((await server.get("/wp-login.php")).status).toBe(404);
  });

  it("uses plural forms in every language for counts that were written once for all numbers", () => {
    for (const lng of ["nl", "en", "fr"]) {
      const counter = fixedT(lng, "counter");
      const access = fixedT(lng, "access");
      const office = fixedT(lng, "backoffice");
      expect(counter("ticket.ahead", { count: 0 })).not.toMatch(/0/);
      expect(access("admin.presenceCount", { count: 1 })).not.toBe(access("admin.presenceCount", { count: 2 }).replace("2", "1"));
      expect(office("desk.intro", { count: 1, overdue: 0 })).not.toBe(office("desk.intro", { count: 2, overdue: 0 }).replace("2", "1"));
    }
    const nl = fixedT("nl", "backoffice");
    expect(nl("queue.summary", { count: 1, overdue: 0, waiting: 1 })).toBe("1 open dossier, 0 te laat, 1 wacht op de bewoner.");
    expect(nl("queue.summary", { count: 3, overdue: 1, waiting: 2 })).toBe("3 open dossiers, 1 te laat, 2 wachten op de bewoner.");
    expect(fixedT("nl", "access")("admin.presenceCount", { count: 1 })).toBe("1 bezoeker binnen");
    expect(fixedT("en", "counter")("ticket.ahead", { count: 0 })).toBe("You are next.");
  });
});
