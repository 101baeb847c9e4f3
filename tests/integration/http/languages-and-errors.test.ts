import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieJar, startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const htmlLang = (html: string) => html.match(/<html lang="([a-z]+)"/)?.[1];

describe("languages", () => {
  it("is Dutch by default, without a translation notice", async () => {
    const res = await server.get("/");
    const html = await res.text();
    expect(htmlLang(html)).toBe("nl");
    expect(res.headers.get("Content-Language")).toBe("nl");
    expect(html).toContain("Welkom in het Digitaal Huis van de Mechelaar");
    expect(html).not.toContain('class="translation-notice"');
  });

  it("follows the browser's preference and says the page is a translation, with a link to Dutch", async () => {
    const html = await (await server.get("/", { "Accept-Language": "fr-BE,fr;q=0.9" })).text();
    expect(htmlLang(html)).toBe("fr");
    expect(html).toContain("Seul le texte néerlandais est officiel.");
    expect(html).toMatch(/<a href="\/\?lng=nl" hrefLang="nl">Voir la version néerlandaise<\/a>/);
    const dutch = await (await server.get("/?lng=nl", { "Accept-Language": "fr" })).text();
    expect(htmlLang(dutch)).toBe("nl");
  });

  it("remembers an explicit choice over the browser's preference", async () => {
    const jar = cookieJar();
    const res = await server.post("/taal", { lng: "en", redirectTo: "/privacy?lng=fr" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/privacy");
    jar.store(res);
    const html = await (await server.get("/privacy", { Cookie: jar.header(), "Accept-Language": "fr" })).text();
    expect(htmlLang(html)).toBe("en");
    expect(html).toContain("Only the Dutch text is official.");
  });

  it("falls back to Dutch for a language we do not offer", async () => {
    const html = await (await server.get("/", { "Accept-Language": "de-DE,de;q=0.9" })).text();
    expect(htmlLang(html)).toBe("nl");
  });
});

describe("errors and health", () => {
  it("answers an unknown address with a translated 404 page", async () => {
    const res = await server.get("/dit-bestaat-niet", { "Accept-Language": "en" });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("This page does not exist");
  });

  it("reports health with the database state", async () => {
    const res = await server.get("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("has a skip link, landmarks and footer links on every page", async () => {
    const html = await (await server.get("/toegankelijkheid")).text();
    expect(html).toContain('<a class="skip-link" href="#main">');
    expect(html).toContain('<main id="main"');
    expect(html).toMatch(/<nav aria-label="Hoofdmenu"/);
    expect(html).toContain('href="/privacy"');
    expect(html).toContain('href="/toegankelijkheid"');
  });
});
