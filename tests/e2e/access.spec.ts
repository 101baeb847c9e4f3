import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { expectAccessible, staffLogin } from "./support";

test.beforeAll(async () => {
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync("node_modules/zxing-wasm/dist/reader/zxing_reader.wasm").buffer as ArrayBuffer }, fireImmediately: true });
});

const todayInBrussels = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Brussels" });

async function registerKiosk(page: Page, entrance: string, name: string) {
  await page.goto("/werk/toegang");
  await page.getByRole("radio", { name: entrance }).check();
  await page.getByLabel("Naam van de zuil").fill(name);
  await page.getByRole("button", { name: "Zuil registreren" }).click();
  const credential = (await page.getByTestId("kiosk-credential").innerText()).trim();
  await expectAccessible(page);
  return credential;
}

async function kioskDevice(browser: Browser, credential: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/kiosk");
  await expectAccessible(page);
  await page.getByLabel("Sleutel van de zuil").fill(credential);
  await page.getByRole("button", { name: "Zuil aanmelden" }).click();
  await expect(page.getByLabel("Code")).toBeVisible();
  return page;
}

/**
 * A USB scanner types the code into the focused field and presses Enter; the kiosk answers
 * `expected`. The answer clears itself after a few seconds, so it is read before the checks.
 */
async function scan(kiosk: Page, code: string, expected: string, { checkAccessibility = false } = {}) {
  await kiosk.getByLabel("Code").fill(code);
  await kiosk.getByLabel("Code").press("Enter");
  await expect(kiosk.getByRole("status")).toContainText(expected);
  // The answers share one page; axe checks one "open" and one "refused" state (the machine is shared).
  if (checkAccessibility) await expectAccessible(kiosk);
}

/** Reads the QR from the image in the visitor's mail, as a phone camera would. */
async function qrFromMailbox(page: Page, email: string) {
  for (let i = 0; i < 40; i++) {
    await page.goto("/dev/mailbox");
    const mail = page.locator("article.mail", { has: page.getByTestId("mail-to").getByText(email, { exact: true }) }).first();
    if (await mail.count()) {
      const src = await mail.locator('img[data-cid="pass-qr"]').getAttribute("src");
      const png = await (await page.request.get(src!)).body();
      const [code] = await readBarcodes(new Uint8Array(png), { formats: ["QRCode"] });
      return code.text;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no pass for ${email}`);
}

test("a host invites a visitor; the QR from the mail opens the right building once, and only there", async ({ page, browser }) => {
  // A long journey across four browsers (admin, host, two kiosks).
  test.setTimeout(8 * 60_000); // four browser contexts and an axe check on every page, on a 2-core machine
  const visitor = `bezoeker-${Date.now()}@example.com`;

  await staffLogin(page, "beheer@example.com");
  const zeeridderKiosk = await registerKiosk(page, "De Zeeridder, Hoofdingang", "Zuil e2e Zeeridder");
  const libraryKiosk = await registerKiosk(page, "Bibliotheek, Hoofdingang", "Zuil e2e Bibliotheek");

  const hostContext = await browser.newContext();
  const host = await hostContext.newPage();
  await staffLogin(host, "gastheer@example.com");
  await host.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Bezoekers" }).click();
  await expectAccessible(host);
  await host.getByRole("link", { name: "Bezoekers uitnodigen" }).click();
  await expectAccessible(host);
  // A mistake first: nothing typed is lost.
  await host.getByLabel("Naam").first().fill("Victor Bezoeker");
  await host.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(host.getByRole("alert")).toContainText("Vul een geldig e-mailadres van de bezoeker in.");
  await expectAccessible(host);
  await expect(host.getByLabel("Naam").first()).toHaveValue("Victor Bezoeker");
  await host.getByLabel("E-mailadres").first().fill(visitor);
  await host.getByRole("radio", { name: "De Zeeridder" }).check();
  await host.getByLabel("Datum").fill(todayInBrussels());
  await host.getByLabel("Van (uur)").fill("00:00");
  await host.getByLabel("Tot (uur)").fill("23:59");
  await host.getByLabel("Waarom komt de bezoeker?").fill("Overleg over de werf");
  await host.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(host.getByRole("status")).toContainText("De uitnodiging is verstuurd.");
  await expectAccessible(host);
  const invitationUrl = host.url();

  const code = await qrFromMailbox(page, visitor);
  expect(code.startsWith("MCH:")).toBe(true);

  const atZeeridder = await kioskDevice(browser, zeeridderKiosk);
  const atLibrary = await kioskDevice(browser, libraryKiosk);

  await scan(atLibrary, code, "Deze code is niet geldig voor dit gebouw.", { checkAccessibility: true });
  await scan(atZeeridder, code, "Welkom, Victor Bezoeker. U wordt verwacht door Hanne Gastvrouw.", { checkAccessibility: true });
  await scan(atZeeridder, code, "Deze code is al gebruikt.");

  // The presence list shows the visitor with the host.
  await page.goto("/werk/toegang");
  await page.getByRole("link", { name: "De Zeeridder" }).click();
  // /werk/toegang has tables of its own (kiosks, offline conflicts): wait for the presence list.
  await expect(page).toHaveURL(/\/werk\/toegang\/aanwezig\//);
  await expect(page.getByRole("table")).toContainText("Victor Bezoeker");
  await expect(page.getByRole("table")).toContainText("Hanne Gastvrouw");
  await expectAccessible(page);

  // The host sees the arrival and the scan log, then withdraws the invitation.
  await host.goto("/werk/bezoekers");
  await expect(host.getByTestId("arrivals")).toContainText("Victor Bezoeker");
  await host.goto(invitationUrl);
  await expect(host.getByRole("main")).toContainText("Zuil e2e Zeeridder");
  await host.getByRole("button", { name: "Uitnodiging intrekken" }).click();
  await expect(host.getByRole("status")).toContainText("De uitnodiging is ingetrokken.");
  await expectAccessible(host);

  await scan(atZeeridder, code, "Deze code werkt niet meer.");
  await scan(atZeeridder, "iets anders", "Dit is geen geldige code van de stad Mechelen.");

  // The visitor's own page from the mail link.
  await page.goto("/dev/mailbox");
  const mailText = await page
    .locator("article.mail", { has: page.getByTestId("mail-to").getByText(visitor, { exact: true }) })
    .last()
    .locator("pre")
    .innerText();
  const link = mailText.match(/https?:\/\/\S+\/pas\/\S+/)![0];
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw toegang tot De Zeeridder");
  await expect(page.getByRole("main")).toContainText("Vraag het adres aan uw gastheer of gastvrouw.");
  await expectAccessible(page);
});
