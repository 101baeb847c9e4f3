import { expect, test } from "@playwright/test";
import { expectAccessible, staffLogin } from "./support";

const STAFF = [
  { email: "frontoffice@example.com", name: "Fien Frontoffice", role: "Frontoffice", admin: false },
  { email: "backoffice@example.com", name: "Bart Backoffice", role: "Backoffice", admin: false },
  { email: "redactie@example.com", name: "Eva Redactie", role: "Redacteur", admin: false },
  { email: "gastheer@example.com", name: "Hanne Gastvrouw", role: "Gastheer", admin: false },
  { email: "beheer@example.com", name: "Ahmed Beheer", role: "Beheerder", admin: true },
];

for (const member of STAFF) {
  test(`${member.role} logs in and reaches only their pages`, async ({ page }) => {
    await staffLogin(page, member.email);
    await expect(page).toHaveURL(/\/werk$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Werkplek van ${member.name}`);
    await expect(page.getByRole("main")).toContainText(member.role);
    await expectAccessible(page);

    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    await expect(nav.getByRole("link", { name: "Beheer" })).toHaveCount(member.admin ? 1 : 0);
    await expect(nav.getByRole("link", { name: "Mijn pagina" })).toHaveCount(0);

    const admin = await page.goto("/werk/beheer/medewerkers");
    if (member.admin) {
      expect(admin?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Medewerkers");
    } else {
      expect(admin?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("U mag deze pagina niet zien");
    }
    await expectAccessible(page);

    const residentPage = await page.goto("/mijn");
    expect(residentPage?.status()).toBe(403);
  });
}

test("an admin adds a staff member to a team, fixing a mistake on the way", async ({ page }) => {
  await staffLogin(page, "beheer@example.com");
  await page.goto("/werk/beheer/medewerkers/nieuw");
  await expectAccessible(page);
  await page.getByLabel("Naam").fill("Karim Loket");
  await page.getByLabel("E-mailadres").fill("karim@example.com");
  await page.getByRole("button", { name: "Bewaren" }).click();
  await expect(page.getByRole("alert")).toContainText("Kies minstens één rol.");
  await expect(page.getByLabel("Naam")).toHaveValue("Karim Loket");
  await expectAccessible(page);

  await page.getByLabel(/^Frontoffice/).check();
  await page.getByLabel("Burgerzaken").check();
  await page.getByLabel("Wachtwoord", { exact: true }).fill("Een-sterk-wachtwoord-2026");
  await page.getByRole("button", { name: "Bewaren" }).click();
  await expect(page.getByRole("status")).toHaveText("De medewerker is bewaard.");
  const row = page.getByRole("row", { name: /Karim Loket/ });
  await expect(row).toContainText("Frontoffice");
  await expect(row).toContainText("Burgerzaken");
  await expectAccessible(page);

  await page.goto("/werk/beheer/teams");
  await expectAccessible(page);

  // The new colleague can log in.
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("button", { name: "Afmelden" }).click();
  await expect(page).toHaveURL(/\/medewerkers\/aanmelden/);
  await staffLogin(page, "karim@example.com", "Een-sterk-wachtwoord-2026");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Werkplek van Karim Loket");
});
