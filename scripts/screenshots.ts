import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "playwright-core";

/**
 * Screenshots of the resident case page and the back-office case page at 320 and 1280 px
 * (issue 15; docs/screenshots/, linked from the README). Runs against a portal that is already
 * running with the demo data and the development mailbox (NODE_ENV not production):
 *
 *   BASE_URL=http://localhost:3000 SCREENSHOT_LABEL=after node --import tsx scripts/screenshots.ts
 *
 * It registers a resident with a long e-mail address, files a neighbour mediation request
 * through the real form, has the Welzijn back office ask a question, and takes full-page
 * pictures of both case pages: docs/screenshots/<label>-<page>-<width>.png.
 */
const base = (process.env.BASE_URL ?? "http://localhost:3000").replace(/\/$/, "");
const label = process.env.SCREENSHOT_LABEL ?? "after";
const outDir = path.resolve(process.env.SCREENSHOT_DIR ?? "docs/screenshots");
const WIDTHS = [320, 1280];
const STAFF = "backoffice.welzijn@example.com";
const PASSWORD = process.env.DEMO_PASSWORD ?? "Mechelen-demo-2026";

async function codeFromMailbox(page: Page, email: string) {
  for (let i = 0; i < 40; i++) {
    await page.goto(`${base}/dev/mailbox`);
    const mail = page.locator("article.mail", { has: page.getByTestId("mail-to").getByText(email, { exact: true }) }).first();
    const code = (await mail.count()) ? (await mail.locator("pre").innerText()).match(/\b(\d{6})\b/)?.[1] : undefined;
    if (code) return code;
    await page.waitForTimeout(250);
  }
  throw new Error(`no login code for ${email} in the development mailbox`);
}

async function fileRequest(page: Page, email: string) {
  await page.goto(`${base}/registreren`);
  await page.getByLabel("Uw naam").fill("Lotte Janssens-Vandenbroucke");
  await page.getByLabel("Uw e-mailadres").fill(email);
  await page.getByRole("button", { name: "Account maken" }).click();
  await page.getByRole("heading", { level: 1, name: "Vul uw code in" }).waitFor();
  const code = await codeFromMailbox(page, email);
  await page.goto(`${base}/aanmelden/code`);
  await page.getByLabel("Code van 6 cijfers").fill(code);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await page.waitForURL(/\/mijn$/);

  await page.goto(`${base}/aanvragen/burenbemiddeling`);
  await page
    .getByLabel("Wat is het probleem met uw buren?")
    .fill("De buren spelen elke nacht na middernacht luide muziek. Wij hebben al twee keer aangebeld en een briefje in de bus gestoken, maar er verandert niets.");
  await page.getByLabel("Lawaai").check();
  await page.getByRole("button", { name: "Volgende stap" }).click();
  for (const [legend, number] of [
    ["Uw adres in Mechelen", "10"],
    ["Het adres van uw buren", "12"],
  ] as const) {
    const group = page.getByRole("group", { name: legend });
    await group.getByLabel("Straat").fill("Onze-Lieve-Vrouwestraat");
    await group.getByLabel("Huisnummer").fill(number);
    await group.getByLabel("Postcode en gemeente").selectOption("2800");
  }
  await page.getByLabel("Uw telefoonnummer").fill("+32 470 12 34 56");
  await page.getByLabel("Ik geef de stad de toestemming").check();
  await page.getByRole("button", { name: "Controleer uw antwoorden" }).click();
  await page.getByRole("button", { name: "Verstuur uw aanvraag" }).click();
  await page.getByRole("heading", { level: 1, name: "Uw aanvraag is verstuurd" }).waitFor();
  return (await page.locator(".reference").innerText()).trim();
}

async function staffAsks(page: Page, reference: string) {
  await page.goto(`${base}/medewerkers/aanmelden`);
  await page.getByLabel("E-mailadres van het werk").fill(STAFF);
  await page.getByLabel("Wachtwoord").fill(PASSWORD);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await page.waitForURL(/\/werk$/);
  await page.goto(`${base}/werk/dossiers/${reference}`);
  // Since issue 15 the action sits behind its own disclosure; before, the form was always open.
  const disclosure = page.locator("summary", { hasText: "Informatie vragen" });
  if (await disclosure.count()) await disclosure.click();
  await page.getByLabel("Vraag aan de bewoner").fill("Op welke dagen en uren hoort u de muziek het vaakst?");
  await page.getByRole("button", { name: "Stel de vraag" }).click();
  await page.getByRole("status").first().waitFor();
}

async function shoot(page: Page, url: string, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(url);
    const file = path.join(outDir, `${label}-${name}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    const overflow = await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
    console.log(`${file}${Number(overflow) > 0 ? ` (scrolls sideways by ${String(overflow)} px)` : ""}`);
  }
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const resident = await (await browser.newContext({ locale: "nl-BE" })).newPage();
    const staff = await (await browser.newContext({ locale: "nl-BE" })).newPage();
    const reference = await fileRequest(resident, `lotte.janssens-vandenbroucke.${Date.now()}@voorbeeld-mechelen.example.com`);
    await staffAsks(staff, reference);
    await shoot(resident, `${base}/mijn/dossiers/${reference}`, "resident-case");
    await shoot(staff, `${base}/werk/dossiers/${reference}`, "backoffice-case");
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
