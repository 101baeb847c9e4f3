import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { ensureResident } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

/**
 * Issue 16 items 4, 5 and 7: every page's <title> and meta description follow the page
 * language; Dutch shown on a page in another language carries lang="nl" (WCAG 3.1.2);
 * Arabic pages are right to left.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let resident = "";
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
  const user = await ensureResident(db, { email: "talen@example.com", name: "Bewoner Talen" });
  resident = (await startUserSession(new Request("http://portal.test/"), user.id, false)).split(";")[0];
});
afterAll(() => server.close());

const titleOf = (html: string) => html.match(/<title>([^<]*)<\/title>/)?.[1];
const descriptionOf = (html: string) => html.match(/<meta name="description" content="([^"]*)"/)?.[1];
const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');
/** `text` appears inside an element that says it is Dutch (possibly nested one tag deeper). */
const markedDutch = (html: string, text: string) => new RegExp(`lang="nl"[^>]*>(\\s*<[^>]+>)*\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).test(decode(html));

async function page(path: string, lng: string, cookie = "") {
  const sep = path.includes("?") ? "&" : "?";
  const res = await server.get(`${path}${sep}lng=${lng}`, cookie ? { Cookie: cookie } : {});
  expect(res.status, `${path} in ${lng}`).toBe(200);
  return res.text();
}

const publicRoutes = [
  "/",
  "/aanmelden",
  "/registreren",
  "/mikipedia",
  "/mikipedia/zoeken?q=buren",
  "/mikipedia/burenbemiddeling",
  "/mikipedia/thema/wonen",
  "/privacy",
  "/toegankelijkheid",
  "/dienstverlening-in-cijfers",
  "/medewerkers/aanmelden",
  "/organisatie/stad-mechelen",
];
const residentRoutes = ["/mijn", "/mijn/dossiers", "/aanvragen", "/aanvragen/burenbemiddeling"];

describe("page titles and descriptions follow the page language", () => {
  it.each([...publicRoutes.map((p) => [p, false] as const), ...residentRoutes.map((p) => [p, true] as const)])("%s", async (path, needsLogin) => {
    const cookie = needsLogin ? resident : "";
    const dutch = await page(path, "nl", cookie);
    const nlTitle = titleOf(dutch);
    expect(nlTitle).toBeTruthy();
    for (const lng of ["en", "fr", "ar", "tr"]) {
      const html = await page(path, lng, cookie);
      expect(html).toContain(`<html lang="${lng}"`);
      const title = titleOf(html);
      expect(title, `${path} ${lng}`).toBeTruthy();
      expect(title, `${path} ${lng} still has the Dutch title`).not.toBe(nlTitle);
      expect(descriptionOf(html), `${path} ${lng}`).not.toBe(descriptionOf(dutch));
    }
  });
});

describe("no route writes its title by hand", () => {
  it("takes every route's <title> from the meta namespace (pageMeta), so it follows the page language", () => {
    const dir = path.resolve("app/routes");
    const literal = readdirSync(dir)
      .filter((f) => /\.tsx?$/.test(f))
      .filter((f) => /export const meta[^\n]*\n?[^\n]*title:\s*["'`]/.test(readFileSync(path.join(dir, f), "utf8")));
    expect(literal).toEqual([]);
  });
});

describe("Dutch inside a page in another language is marked lang=nl", () => {
  it("shows the service catalogue translated in English and French, and marks Dutch fallbacks in Arabic", async () => {
    const en = await page("/aanvragen", "en", resident);
    expect(en).toContain("Requesting neighbour mediation");
    expect(markedDutch(en, "Burenbemiddeling aanvragen")).toBe(false);
    const fr = await page("/aanvragen", "fr", resident);
    expect(fr).toContain("Demander une médiation de voisinage");
    const ar = await page("/aanvragen", "ar", resident);
    expect(markedDutch(ar, "Burenbemiddeling aanvragen")).toBe(true);
  });

  it("translates the form's title and keeps its labels in the page language, or marks them Dutch", async () => {
    const en = await page("/aanvragen/burenbemiddeling", "en", resident);
    expect(titleOf(en)).toContain("Requesting neighbour mediation");
    const ar = await page("/aanvragen/burenbemiddeling", "ar", resident);
    expect(markedDutch(ar, "Burenbemiddeling aanvragen")).toBe(true);
    // The form labels exist in nl, en and fr only: on an Arabic page they are marked Dutch.
    expect(ar).toMatch(/<label[^>]*>\s*<span lang="nl">/);
  });

  it("marks an untranslated article and its 'read also' titles as Dutch", async () => {
    const ar = await page("/mikipedia/burenbemiddeling", "ar");
    expect(ar).toMatch(/<div lang="nl" class="stack">/);
    const related = ar.match(/id="mk-related"[\s\S]*?<\/ul>/)?.[0] ?? "";
    expect(related).toMatch(/<a [^>]*lang="nl"/);
    const en = await page("/mikipedia/burenbemiddeling", "en");
    const relatedEn = en.match(/id="mk-related"[\s\S]*?<\/ul>/)?.[0] ?? "";
    expect(relatedEn).not.toContain('lang="nl"');
  });

  it("translates the link text of the translation banner", async () => {
    expect(await page("/", "en")).toMatch(/<a href="\/\?lng=nl" hrefLang="nl">View the Dutch version<\/a>/);
    expect(await page("/", "fr")).toContain("Voir la version néerlandaise");
  });
});

describe("courtesy languages", () => {
  it("renders Arabic right to left and Turkish left to right", async () => {
    expect(await page("/", "ar")).toContain('<html lang="ar" dir="rtl"');
    expect(await page("/", "tr")).toContain('<html lang="tr" dir="ltr"');
  });

  it("lists every configured language in the language switcher", async () => {
    const html = await page("/", "nl");
    for (const label of ["Nederlands", "English", "Français", "العربية", "Türkçe"]) expect(html).toContain(label);
  });
});
