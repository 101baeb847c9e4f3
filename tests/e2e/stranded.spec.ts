import { expect, test } from "@playwright/test";
import { expectAccessible, staffLogin } from "./support";

/** Issue 15.1: the front office and team leads find the requests nobody is handling. */
test("no request stranded: the front office and a team lead open Zonder behandelaar from the workplace", async ({ page }) => {
  for (const email of ["frontoffice.2@example.com", "teamlead@example.com"]) {
    await staffLogin(page, email);
    await page.getByRole("link", { name: "Zonder behandelaar" }).click();
    await expect(page).toHaveURL(/\/werk\/zonder-behandelaar$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Zonder behandelaar");
    await expectAccessible(page);
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("button", { name: "Afmelden" }).click();
    await expect(page).toHaveURL(/\/medewerkers\/aanmelden/);
  }
});
