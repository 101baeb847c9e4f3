import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, staffLogin } from "./support";

const todayInBrussels = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Brussels" });

/** The newest mail to `email` in the development mailbox, as text. */
async function mailText(page: Page, email: string) {
  for (let i = 0; i < 40; i++) {
    await page.goto("/dev/mailbox");
    const mail = page.locator("article.mail", { has: page.getByTestId("mail-to").getByText(email, { exact: true }) }).first();
    if (await mail.count()) return mail.locator("pre").innerText();
    await page.waitForTimeout(250);
  }
  throw new Error(`no mail for ${email}`);
}

test("the counter kiosk's ticket screen goes back to the start by itself, with a countdown and Klaar", async ({ page }) => {
  // The clock runs normally; the test only skips ahead instead of waiting ten seconds.
  await page.clock.install();
  await page.goto("/kiosk/loket");
  await page.getByRole("button", { name: "Andere vraag" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw ticket");
  await expect(page.getByText(/Er (is|zijn) \d+ perso(o|ne)n? voor u\.|U bent de volgende\./)).toBeVisible();
  await expect(page.getByText(/Over \d+ seconden? gaat dit scherm terug naar het begin\./)).toBeVisible();
  await expect(page.getByRole("link", { name: "Klaar" })).toBeVisible();
  await expectAccessible(page);
  await page.clock.runFor(11_000);
  await expect(page).toHaveURL(/\/kiosk\/loket$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welkom in het Huis van de Mechelaar");

  // "Klaar" goes back at once.
  await page.getByRole("button", { name: "Andere vraag" }).click();
  await page.getByRole("link", { name: "Klaar" }).click();
  await expect(page).toHaveURL(/\/kiosk\/loket$/);
});

test("a visitor reads the building's facts and a short code on the pass; typed at the door it opens; the answer clears; only staff sign the kiosk out", async ({
  page,
  browser,
}) => {
  test.setTimeout(6 * 60_000); // three browser contexts and axe on every state, on a 2-core machine
  const visitor = `kort-${Date.now()}@example.com`;

  // The admin states the library's opening hours and accessibility, and registers a kiosk there.
  await staffLogin(page, "beheer@example.com");
  await page.goto("/werk/toegang");
  const library = page.getByRole("form", { name: "Bibliotheek" });
  await library.getByLabel("Openingsuren").fill("Testuren e2e: di–za 10–17 u");
  await library.getByLabel("Toegankelijkheid").fill("Testtekst e2e: ingang zonder trappen");
  await library.getByRole("button", { name: "Gegevens van Bibliotheek bewaren" }).click();
  await expect(page.getByRole("status").first()).toContainText("De gegevens van het gebouw zijn bewaard.");
  await expectAccessible(page);
  await page.getByRole("radio", { name: "Bibliotheek, Hoofdingang" }).check();
  await page.getByLabel("Naam van de zuil").fill("Zuil e2e kort");
  await page.getByRole("button", { name: "Zuil registreren" }).click();
  const credential = (await page.getByTestId("kiosk-credential").innerText()).trim();

  // A host invites a visitor to the library.
  const hostContext = await browser.newContext();
  const host = await hostContext.newPage();
  await staffLogin(host, "gastheer@example.com");
  await host.goto("/werk/bezoekers/nieuw");
  await host.getByLabel("Naam").first().fill("Karel Kortecode");
  await host.getByLabel("E-mailadres").first().fill(visitor);
  await host.getByRole("radio", { name: "Bibliotheek" }).check();
  await host.getByLabel("Datum").fill(todayInBrussels());
  await host.getByLabel("Van (uur)").fill("00:00");
  await host.getByLabel("Tot (uur)").fill("23:59");
  await host.getByLabel("Waarom komt de bezoeker?").fill("Leesclub");
  await host.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(host.getByRole("status")).toContainText("De uitnodiging is verstuurd.");
  await hostContext.close();

  // The visitor's mail and pass page show the facts and the short code.
  const text = await mailText(page, visitor);
  expect(text).toContain("Openingsuren: Testuren e2e: di–za 10–17 u");
  const shortCode = text.match(/\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z])\b/)![1];
  await page.goto(new URL(text.match(/https?:\/\/\S+\/pas\/\S+/)![0]).pathname);
  await expect(page.getByRole("main")).toContainText("Testuren e2e: di–za 10–17 u");
  await expect(page.getByRole("main")).toContainText("Testtekst e2e: ingang zonder trappen");
  await expect(page.getByTestId("short-code")).toHaveText(shortCode);
  await expectAccessible(page);

  // At the door: the camera fails, the visitor types the code (lower case, with spaces).
  const kioskContext = await browser.newContext();
  const kiosk = await kioskContext.newPage();
  await kiosk.clock.install();
  await kiosk.goto("/kiosk");
  await kiosk.getByLabel("Sleutel van de zuil").fill(credential);
  await kiosk.getByRole("button", { name: "Zuil aanmelden" }).click();
  await kiosk.getByLabel("Code").fill(shortCode.toLowerCase().replace(/-/g, " "));
  await kiosk.getByLabel("Code").press("Enter");
  await expect(kiosk.getByRole("status")).toContainText("Welkom, Karel Kortecode. U wordt verwacht door Hanne Gastvrouw.");
  await expectAccessible(kiosk);
  // A few seconds later the name is gone and the next visitor sees the instruction.
  await kiosk.clock.runFor(7_000);
  await expect(kiosk.getByText("Karel Kortecode")).toHaveCount(0);
  await expect(kiosk.getByText("Houd uw QR-code voor de camera of de scanner.")).toBeVisible();

  // A passer-by cannot sign the kiosk out; staff can, with the kiosk's key.
  await kiosk.getByText("Voor medewerkers: zuil afmelden").click();
  await kiosk.getByRole("button", { name: "Zuil afmelden" }).click();
  await expect(kiosk.getByText("Deze sleutel is niet juist of de zuil is ingetrokken.")).toBeVisible();
  await expect(kiosk.getByLabel("Code")).toBeVisible();
  await expectAccessible(kiosk);
  await kiosk.getByLabel("Sleutel van de zuil").fill(credential);
  await kiosk.getByRole("button", { name: "Zuil afmelden" }).click();
  await expect(kiosk.getByRole("heading", { level: 1 })).toHaveText("Zuil aanmelden");
  await kioskContext.close();
});
