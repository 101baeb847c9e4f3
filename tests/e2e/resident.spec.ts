import { expect, test } from "@playwright/test";
import { codeFromMailbox, expectAccessible } from "./support";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a new resident (${javaScriptEnabled ? "with" : "without"} JavaScript)`, () => {
    test.use({ javaScriptEnabled });

    test("registers, reads the code in the mailbox, logs in and out", async ({ page }) => {
      const email = `nieuw-${javaScriptEnabled ? "js" : "nojs"}-${Date.now()}@example.com`;
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welkom in het Digitaal Huis van de Mechelaar");
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByRole("link", { name: "Een account maken" }).click();
      await expect(page).toHaveURL(/\/registreren/);
      await expectAccessible(page, { javaScriptEnabled });

      // A mistake first: the summary names it and what was typed stays.
      await page.getByLabel("Uw naam").fill("Noor Vermeulen");
      await page.getByLabel("Uw e-mailadres").fill("noor-at-example");
      await page.getByRole("button", { name: "Account maken" }).click();
      const summary = page.getByRole("alert");
      await expect(summary).toContainText("Er is een probleem");
      await expect(summary.getByRole("link", { name: /Vul een juist e-mailadres in/ })).toBeVisible();
      await expect(page.getByLabel("Uw naam")).toHaveValue("Noor Vermeulen");
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByLabel("Uw e-mailadres").fill(email);
      await page.getByRole("button", { name: "Account maken" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vul uw code in");
      await expectAccessible(page, { javaScriptEnabled });

      const code = await codeFromMailbox(page, email);
      await expectAccessible(page, { javaScriptEnabled });
      await page.goto("/aanmelden/code");
      await page.getByLabel("Code van 6 cijfers").fill(code);
      await page.getByRole("button", { name: "Aanmelden" }).click();

      await expect(page).toHaveURL(/\/mijn$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dag Noor Vermeulen");
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("button", { name: "Afmelden" }).click();
      await expect(page.getByRole("status")).toHaveText("U bent afgemeld.");
      await expectAccessible(page, { javaScriptEnabled });
      await page.goto("/mijn");
      await expect(page).toHaveURL(/\/aanmelden\?redirectTo=%2Fmijn/);
    });
  });
}

test("a demo resident is greeted in their own language after choosing it", async ({ page }) => {
  await page.goto("/aanmelden");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("note")).toContainText("Only the Dutch text is official.");
  await expect(page.getByRole("link", { name: "View the Dutch version" })).toHaveAttribute("hreflang", "nl");
  await expectAccessible(page);
  await page.getByLabel("Your e-mail address").fill("john.smith@example.com");
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fill in your code");
  const code = await codeFromMailbox(page, "john.smith@example.com");
  await page.goto("/aanmelden/code");
  await page.getByLabel("Code of 6 digits").fill(code);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hello John Smith");
  await expectAccessible(page);
});
