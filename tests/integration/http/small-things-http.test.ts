import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../app/utils/db.server";
import { ensureResident } from "../../factories/identity";
import { cookieJar, startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("small things residents notice", () => {
  it("makes the home page's 'Wat kunt u hier doen?' items links, and shows the city mark with a name", async () => {
    const html = await (await server.get("/")).text();
    expect(html).toMatch(/<a[^>]*href="\/aanvragen"[^>]*>Iets aanvragen bij de stad\.<\/a>/);
    expect(html).toMatch(/<a[^>]*href="\/mijn\/dossiers"[^>]*>Zien hoe ver uw aanvraag staat\.<\/a>/);
    expect(html).toMatch(/<a[^>]*href="\/mikipedia"[^>]*>Antwoord vinden op uw vragen\.<\/a>/);
    expect(html).toMatch(/<svg class="wordmark-mark" role="img" aria-label="Stad Mechelen"/);
    const en = await (await server.get("/", { Cookie: "lng=en", "Accept-Language": "en" })).text();
    expect(en).toContain('aria-label="City of Mechelen"');
  });

  it("speaks to a new registrant on the code page, and to a returning resident as before", async () => {
    const jar = cookieJar();
    const reg = await server.post("/registreren", {
      name: "Nieuwe Bewoner",
      email: "nieuw.welkom@example.com",
      preferredLanguage: "nl",
      preferredChannel: "email",
      redirectTo: "/mijn",
    });
    expect(reg.headers.get("Location")).toBe("/aanmelden/code");
    jar.store(reg);
    const fresh = await (await server.get("/aanmelden/code", { Cookie: jar.header() })).text();
    expect(fresh).toContain("Welkom! Uw account is bijna klaar.");
    expect(fresh).toContain("Kijk in de mailbox van nieuw.welkom@example.com.");

    await ensureResident(db, { email: "terug.welkom@example.com" });
    const back = cookieJar();
    back.store(await server.post("/aanmelden", { email: "terug.welkom@example.com", redirectTo: "/mijn" }));
    const again = await (await server.get("/aanmelden/code", { Cookie: back.header() })).text();
    expect(again).not.toContain("Welkom! Uw account is bijna klaar.");
    expect(again).toContain("Als terug.welkom@example.com bij ons bekend is");
  });
});
