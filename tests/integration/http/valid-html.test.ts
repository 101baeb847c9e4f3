import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { moveTrailingIntoBody } from "../../../app/server/html-document";
import { validateHtmlFolder } from "../../setup/html-validator";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let dir: string;
beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
  server = await startTestServer();
  dir = mkdtempSync(path.join(tmpdir(), "vnu-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

// The public pages; the end-to-end journeys check every page they visit the same way (scripts/test.ts).
const PAGES = [
  "/",
  "/mikipedia",
  "/mikipedia/bewonerskaart-parkeren",
  "/mikipedia/thema/mobiliteit",
  "/mikipedia/zoeken?q=parkeren",
  "/aanvragen",
  "/toegankelijkheid",
  "/privacy",
  "/organisatie/stad-mechelen",
  "/dienstverlening-in-cijfers",
  "/aanmelden",
  "/registreren",
  "/bestaat-niet",
];

describe("valid HTML (W3C Nu HTML Checker)", () => {
  it("moves what React writes after </html> into the body", () => {
    expect(moveTrailingIntoBody("<html><body><p>x</p></body></html><script>s()</script>")).toBe("<html><body><p>x</p><script>s()</script></body></html>");
    expect(moveTrailingIntoBody("<html><body></body></html>")).toBe("<html><body></body></html>");
  });

  it("passes the checker on every public page, in every language", async () => {
    for (const [i, p] of PAGES.entries()) {
      for (const lng of ["nl", "en", "fr"]) {
        const res = await server.get(`${p}${p.includes("?") ? "&" : "?"}lng=${lng}`, { Accept: "text/html" });
        expect(res.headers.get("content-type"), p).toContain("text/html");
        writeFileSync(path.join(dir, `${i}-${lng}.html`), await res.text());
      }
    }
    const { files, errors } = await validateHtmlFolder(dir);
    expect(files).toBe(PAGES.length * 3);
    expect(errors).toEqual([]);
  });
});
