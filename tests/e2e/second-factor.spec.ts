import { expect, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { expectAccessible, staffLogin } from "./support";

const totp = (secret: string, offsetSeconds = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30, timestamp: Date.now() + offsetSeconds * 1000 });

test("a staff member sets up two-step verification, logs in with it, and an admin resets it", async ({ browser }) => {
  const email = `tine.${Date.now()}@example.com`;
  const password = "Een-sterk-wachtwoord-2026";
  const admin = await (await browser.newContext()).newPage();
  await staffLogin(admin, "beheer@example.com");
  await admin.goto("/werk/beheer/medewerkers/nieuw");
  await admin.getByLabel("Naam").fill("Tine Tweestap");
  await admin.getByLabel("E-mailadres").fill(email);
  await admin.getByLabel(/^Gastheer/).check();
  await admin.getByLabel("Wachtwoord", { exact: true }).fill(password);
  await admin.getByRole("button", { name: "Bewaren" }).click();
  await expect(admin.getByRole("status")).toHaveText("De medewerker is bewaard.");

  const context = await browser.newContext();
  const page = await context.newPage();
  await staffLogin(page, email, password);
  await page.getByRole("link", { name: "Tweestapsverificatie en herstelcodes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tweestapsverificatie");
  await expect(page.getByRole("img", { name: "QR-code om met uw app te scannen" })).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.locator("code.totp-secret").innerText()).replace(/\s/g, "");
  await page.getByLabel("Code uit uw app").fill(totp(secret));
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page.getByRole("heading", { name: "Uw herstelcodes" })).toBeVisible();
  await expect(page.locator(".recovery-codes li")).toHaveCount(10);
  await expect(page.getByText("Tweestapsverificatie staat aan.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Afmelden", exact: true }).click();
  // Logging out ends on the staff login page. Going there before the logout has been
  // handled raced it: the still-valid session was sent on to /werk.
  await expect(page).toHaveURL(/\/medewerkers\/aanmelden$/);
  await page.getByLabel("E-mailadres van het werk").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/medewerkers\/aanmelden\/tweede-stap$/);
  await expectAccessible(page);
  await page.getByLabel("Code", { exact: true }).fill("000000" === totp(secret, 30) ? "111111" : "000000");
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page.getByRole("alert")).toContainText("Deze code klopt niet.");
  await expectAccessible(page);
  await page.getByLabel("Code", { exact: true }).fill(totp(secret, 30));
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/werk$/);

  await admin.goto("/werk/beheer/medewerkers");
  await admin.getByRole("link", { name: "Tine Tweestap" }).click();
  await expect(admin.getByText("Deze medewerker heeft tweestapsverificatie ingesteld.")).toBeVisible();
  await expectAccessible(admin);
  await admin.getByRole("button", { name: "Tweestapsverificatie wissen" }).click();
  await expect(admin.getByRole("status")).toContainText("De tweestapsverificatie is gewist.");
  await expectAccessible(admin);

  // The reset ended her sessions.
  const after = await page.goto("/werk");
  expect(page.url()).toContain("/medewerkers/aanmelden");
  expect(after?.status()).toBe(200);
});
