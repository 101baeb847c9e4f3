import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test("an Arabic page renders right to left, mirrors its layout and is accessible", async ({ page }) => {
  await page.goto("/mikipedia/sociaal-tolk?lng=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page).toHaveTitle(/ميكيبيديا/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("لا أتحدث الهولندية جيدًا بعد. هل يمكنني الحصول على مترجم شفهي؟");
  // The translation notice links to the Dutch original, in Arabic.
  await expect(page.getByRole("link", { name: "اطّلع على النسخة الهولندية" })).toHaveAttribute("hreflang", "nl");
  // Logical properties: the answer's accent border sits on the right (the start side in Arabic).
  const lead = page.locator(".answer .lead");
  const border = await lead.evaluate((el) => ({ right: getComputedStyle(el).borderRightWidth, left: getComputedStyle(el).borderLeftWidth }));
  expect(border.right).not.toBe("0px");
  expect(border.left).toBe("0px");
  // The main text starts at the right edge of the page.
  const h1 = await page.getByRole("heading", { level: 1 }).boundingBox();
  const main = await page.locator("main").boundingBox();
  expect(h1 && main && Math.abs(main.x + main.width - (h1.x + h1.width))).toBeLessThan(40);
  await expectAccessible(page);

  // A page that is not translated into Arabic marks its Dutch text.
  await page.goto("/mikipedia/burenbemiddeling?lng=ar");
  await expect(page.locator('div[lang="nl"] h1')).toBeVisible();
  await expectAccessible(page);
  await page.goto("/?lng=ar");
  await expectAccessible(page);
});

test("the language switcher lists the configured languages and Turkish pages read left to right", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Türkçe" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "tr");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page).toHaveTitle("Mechelenlilerin Dijital Evi");
  await expectAccessible(page);
});
