import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("the accessibility statement follows the EU model (Implementing Decision (EU) 2018/1523)", () => {
  it("gives the compliance status, what is not accessible and why, how and when it was made, feedback and enforcement", async () => {
    const html = await (await server.get("/toegankelijkheid?lng=nl")).text();
    const page = text(html);
    expect(page).toContain("Toegankelijkheidsverklaring");
    expect(page).toContain("voldoet gedeeltelijk aan de richtlijnen WCAG 2.1, niveau AA");
    expect(page).toContain("Wat is nog niet toegankelijk?");
    expect(page).toContain("Bestanden van anderen.");
    expect(page).toContain("We maakten deze verklaring op 7 december 2026");
    expect(page).toContain("het laatst na op 7 december 2026");
    // Contact from the configuration; the defaults are clearly examples.
    expect(html).toContain('href="mailto:toegankelijkheid@mechelen.example.com"');
    expect(html).toContain('href="tel:+3200000000"');
    expect(html).toContain('href="/aanvragen/vraag-aan-de-stad"');
    expect(page).toContain("Vlaamse Ombudsdienst");
    expect(html).toContain('href="https://www.vlaamseombudsdienst.be"');
  });

  it("exists in English and French", async () => {
    const en = text(await (await server.get("/toegankelijkheid?lng=en")).text());
    expect(en).toContain("Accessibility statement");
    expect(en).toContain("partially compliant");
    expect(en).toContain("Flemish Ombudsman");
    const fr = text(await (await server.get("/toegankelijkheid?lng=fr")).text());
    expect(fr).toContain("Déclaration d'accessibilité");
    expect(fr).toContain("partiellement conforme");
    expect(fr).toContain("Médiateur flamand");
  });
});
