import { expect, test } from "@playwright/test";
import { expectAccessible, staffLogin } from "./support";

test("insights: an admin opens the dashboard, corrects a period, and the public reads the figures", async ({ page }) => {
  // Charts render on the server and hydrate in the browser: neither may throw.
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await staffLogin(page, "beheer@example.com");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Inzichten" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inzichten");
  await expect(page.getByRole("heading", { level: 2, name: "Doorlooptijd per dienst" })).toBeVisible();
  await expectAccessible(page);

  // The end before the start: a clear message, and the dates stay as typed.
  await page.getByLabel("Van", { exact: true }).fill("2026-03-31");
  await page.getByLabel("Tot en met").fill("2026-03-01");
  await page.getByRole("button", { name: "Toon cijfers" }).click();
  await expect(page.getByRole("alert")).toContainText("De einddatum moet na de begindatum liggen.");
  await expect(page.getByLabel("Van", { exact: true })).toHaveValue("2026-03-31");
  await expectAccessible(page);

  await page.getByLabel("Van", { exact: true }).fill("2026-03-01");
  await page.getByLabel("Tot en met").fill("2026-03-31");
  await page.getByRole("button", { name: "Toon cijfers" }).click();
  await expect(page).toHaveURL(/van=2026-03-01&tot=2026-03-31/);
  await expect(page.getByRole("link", { name: /Download Aanvragen per kanaal als CSV/ })).toHaveAttribute("href", /\/werk\/inzichten\/csv\/kanalen\?/);

  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Dienstverlening in cijfers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dienstverlening in cijfers");
  await expect(page.getByRole("link", { name: "Bekijk de catalogus (DCAT-AP)" })).toBeVisible();
  await expectAccessible(page);
  expect(errors).toEqual([]);
});

test("insights: the public page works without JavaScript and is accessible", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/dienstverlening-in-cijfers");
  await expect(page.getByRole("heading", { level: 2, name: "Hoe lang wacht u aan het loket?" })).toBeVisible();
  await expectAccessible(page, { javaScriptEnabled: false });
  await context.close();
});
