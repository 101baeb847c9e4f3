import { readFileSync } from "node:fs";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { expectAccessible, staffLogin } from "./support";

/**
 * Door kiosks without network (issue 19 item 2): the kiosk checks passes itself, says so,
 * queues the scans and sends them when the network is back; the server reports a single-use
 * pass let in by two kiosks to admins.
 */

test.beforeAll(async () => {
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync("node_modules/zxing-wasm/dist/reader/zxing_reader.wasm").buffer as ArrayBuffer }, fireImmediately: true });
});

const todayInBrussels = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Brussels" });

async function registerKiosk(page: Page, entrance: string, name: string) {
  await page.goto("/werk/toegang");
  await page.getByRole("radio", { name: entrance }).check();
  await page.getByLabel("Naam van de zuil").fill(name);
  await page.getByRole("button", { name: "Zuil registreren" }).click();
  return (await page.getByTestId("kiosk-credential").innerText()).trim();
}

/** A host invites one visitor for today (single use); returns the QR text from the visitor's mail. */
async function invite(browser: Browser, admin: Page, visitorName: string, building: string) {
  const email = `${visitorName.toLowerCase().replace(/\W+/g, ".")}-${Date.now()}@example.com`;
  const context = await browser.newContext();
  const host = await context.newPage();
  await staffLogin(host, "gastheer@example.com");
  await host.goto("/werk/bezoekers/nieuw");
  await host.getByLabel("Naam").first().fill(visitorName);
  await host.getByLabel("E-mailadres").first().fill(email);
  await host.getByRole("radio", { name: building }).check();
  await host.getByLabel("Datum").fill(todayInBrussels());
  await host.getByLabel("Van (uur)").fill("00:00");
  await host.getByLabel("Tot (uur)").fill("23:59");
  await host.getByLabel("Waarom komt de bezoeker?").fill("Zuil zonder netwerk");
  await host.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(host.getByRole("status")).toContainText("De uitnodiging is verstuurd.");
  await context.close();
  for (let i = 0; i < 40; i++) {
    await admin.goto("/dev/mailbox");
    const mail = admin.locator("article.mail", { has: admin.getByTestId("mail-to").getByText(email, { exact: true }) }).first();
    if (await mail.count()) {
      const src = await mail.locator('img[data-cid="pass-qr"]').getAttribute("src");
      const png = await (await admin.request.get(src!)).body();
      const [code] = await readBarcodes(new Uint8Array(png), { formats: ["QRCode"] });
      return code.text;
    }
    await admin.waitForTimeout(250);
  }
  throw new Error(`no pass for ${email}`);
}

const pageProblems: string[] = [];
test.afterEach(() => expect(pageProblems).toEqual([]));
// Known and not yet understood: about one full run in four, a kiosk page of the two-kiosk journey
// reports React's "Root did not complete" (#345) while offline and online alternate. One retry keeps
// CI usable; Playwright still reports the journey as flaky, and the issue note tracks the bug.
test.describe.configure({ retries: 1 });

/** A kiosk signed in with network, once it keeps its page (service worker) and its offline bundle (IndexedDB). */
async function kioskReadyForOffline(browser: Browser, credential: string): Promise<{ context: BrowserContext; kiosk: Page }> {
  const context = await browser.newContext();
  const kiosk = await context.newPage();
  // The page, also when the service worker serves it without network, runs under the CSP with its nonce and hydrates.
  kiosk.on("console", (m) => {
    if (/Content Security Policy|Refused to|Hydration|did not match/i.test(m.text())) pageProblems.push(m.text());
  });
  kiosk.on("pageerror", (e) => pageProblems.push(`page error: ${e.message}`));
  await kiosk.goto("/kiosk");
  await kiosk.getByLabel("Sleutel van de zuil").fill(credential);
  await kiosk.getByRole("button", { name: "Zuil aanmelden" }).click();
  await expect(kiosk.getByLabel("Code")).toBeVisible();
  await kiosk.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const bundle = () =>
      new Promise<unknown>((resolve) => {
        const open = indexedDB.open("mechelaar-kiosk");
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("state")) return (resolve(undefined), db.close());
          const get = db.transaction("state").objectStore("state").get("bundle");
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => resolve(undefined);
        };
        open.onerror = () => resolve(undefined);
      });
    for (let i = 0; i < 100 && !((await caches.match("/kiosk")) && (await bundle())); i++) await new Promise((r) => setTimeout(r, 100));
  });
  return { context, kiosk };
}

async function scan(kiosk: Page, code: string) {
  await kiosk.getByLabel("Code").fill(code);
  await kiosk.getByLabel("Code").press("Enter");
  const answer = kiosk.getByRole("status");
  await expect(answer).toBeVisible();
  return answer;
}

/** A forged pass: the same text with the signature's end changed. */
const forge = (code: string) => code.slice(0, -3) + (code.endsWith("000") ? "111" : "000");

test("a door kiosk without network lets a valid pass in with an offline mark, refuses a forged and a reused one, and syncs when back online", async ({ page, browser }) => {
  test.setTimeout(6 * 60_000);
  await staffLogin(page, "beheer@example.com");
  const credential = await registerKiosk(page, "De Zeeridder, Hoofdingang", "Zuil offline Zeeridder");
  const code = await invite(browser, page, "Nora Netwerkloos", "De Zeeridder");
  const { context, kiosk } = await kioskReadyForOffline(browser, credential);

  await context.setOffline(true);
  const welcome = await scan(kiosk, code);
  await expect(welcome).toContainText("Welkom");
  await expect(welcome).toContainText("Offline: deze zuil heeft nu geen netwerk en controleerde de code zelf.");
  // No names without network: the kiosk keeps none.
  await expect(welcome).not.toContainText("Nora");
  await expect(kiosk.getByText("Deze zuil heeft geen netwerk.")).toBeVisible();
  await expectAccessible(kiosk);

  await expect(await scan(kiosk, forge(code))).toContainText("Dit is geen geldige code van de stad Mechelen.");
  await expect(await scan(kiosk, code)).toContainText("Deze code is al gebruikt.");

  // A restart without network: the page comes from the service worker and still remembers the pass.
  await kiosk.reload();
  await expect(kiosk.getByRole("heading", { level: 1 })).toContainText("Toegang: De Zeeridder");
  const reused = await scan(kiosk, code);
  await expect(reused).toContainText("Deze code is al gebruikt.");
  await expect(reused).toContainText("Offline");
  await expect(kiosk.getByText(/scans wachten om verstuurd te worden/)).toBeVisible();
  // Staff about to sign the kiosk out are told that the waiting scans would be lost.
  await kiosk.getByText("Voor medewerkers: zuil afmelden").click();
  await expect(kiosk.getByRole("alert").filter({ hasText: /scans zijn nog niet verstuurd\. Meld de zuil pas af als ze weer netwerk heeft/ })).toBeVisible();
  await expectAccessible(kiosk);
  await kiosk.getByText("Voor medewerkers: zuil afmelden").click();

  // Back online: the queue goes to the server and the visitor shows on the presence list.
  await context.setOffline(false);
  await expect(kiosk.getByText("Deze zuil heeft geen netwerk.")).toHaveCount(0, { timeout: 30_000 });
  await page.goto("/werk/toegang");
  await page.getByRole("link", { name: "De Zeeridder" }).click();
  // /werk/toegang has tables of its own (kiosks, offline conflicts): wait for the presence list.
  await expect(page).toHaveURL(/\/werk\/toegang\/aanwezig\//);
  await expect(page.getByRole("table")).toContainText("Nora Netwerkloos");

  // Too long without a refresh (ACCESS_KIOSK_OFFLINE_HOURS, 24 by default): nobody is let in any more.
  await context.setOffline(true);
  await kiosk.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("mechelaar-kiosk");
        open.onsuccess = () => {
          const store = open.result.transaction("state", "readwrite").objectStore("state");
          const get = store.get("bundle");
          get.onsuccess = () => {
            store.put({ ...get.result, refreshedAt: Date.now() - 25 * 3600_000 }, "bundle").onsuccess = () => resolve();
          };
        };
        open.onerror = () => reject(open.error);
      }),
  );
  const stale = await scan(kiosk, code);
  await expect(stale).toContainText("Ga naar het onthaal");
  await expectAccessible(kiosk);
  await context.setOffline(false);
  await context.close();
});

test("two door kiosks without network letting in the same single-use pass are reported to admins on /werk/toegang", async ({ page, browser }) => {
  test.setTimeout(6 * 60_000);
  await staffLogin(page, "beheer@example.com");
  const north = await registerKiosk(page, "Bibliotheek, Hoofdingang", "Zuil Bib Noord");
  const south = await registerKiosk(page, "Bibliotheek, Hoofdingang", "Zuil Bib Zuid");
  const code = await invite(browser, page, "Dirk Dubbel", "Bibliotheek");
  const a = await kioskReadyForOffline(browser, north);
  const b = await kioskReadyForOffline(browser, south);

  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await expect(await scan(a.kiosk, code)).toContainText("Welkom");
  await expect(await scan(b.kiosk, code)).toContainText("Welkom");

  await a.context.setOffline(false);
  await b.context.setOffline(false);
  for (const k of [a.kiosk, b.kiosk]) await expect(k.getByText("Deze zuil heeft geen netwerk.")).toHaveCount(0, { timeout: 30_000 });

  await page.goto("/werk/toegang");
  await expect(page.getByRole("heading", { name: "Zuilen zonder netwerk: conflicten" })).toBeVisible();
  const conflicts = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Zuilen die binnenlieten" }) });
  await expect(conflicts).toContainText("Dirk Dubbel");
  await expect(conflicts).toContainText("Zuil Bib Noord, Zuil Bib Zuid");
  await expect(conflicts).toContainText("Pas voor één keer twee keer gebruikt");
  await expectAccessible(page);

  // Looked into (the host confirmed the visit): the admin closes it.
  const row = conflicts.getByRole("row").filter({ hasText: "Dirk Dubbel" });
  await row.getByRole("button", { name: /^Afgehandeld: pas / }).click();
  await expect(page.getByRole("status")).toContainText("Het conflict staat nu als afgehandeld.");
  await expect(conflicts.getByRole("row").filter({ hasText: "Dirk Dubbel" })).toContainText(/Afgehandeld op .+ door /);
  await expectAccessible(page);
  await a.context.close();
  await b.context.close();
});
