import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test("the skip link is the first stop for the keyboard and moves focus to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Ga naar de inhoud" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("the footer pages and the 404 page are translated and accessible", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Toegankelijkheid" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Toegankelijkheidsverklaring");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Privacy" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacy");
  await expectAccessible(page);
  const res = await page.goto("/bestaat-niet");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deze pagina bestaat niet");
  await expectAccessible(page);
});

test("pages fit a phone screen without sideways scrolling", async ({ page }) => {
  // expectAccessible checks every page at 320 and 375 px wide (expectReflow in support.ts);
  // this journey walks the public pages a first-time visitor opens, on a phone.
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/registreren", "/aanmelden", "/medewerkers/aanmelden", "/toegankelijkheid"]) {
    await page.goto(path);
    await expectAccessible(page);
  }
});
