import { expect, test } from "@playwright/test";
import { expectAccessible, staffLogin } from "./support";

const todayInBrussels = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Brussels" });

test("the visitor's pass page opens without network once it was opened with network", async ({ page, browser }) => {
  test.setTimeout(3 * 60_000);
  const visitor = `offline-${Date.now()}@example.com`;
  await staffLogin(page, "gastheer@example.com");
  await page.goto("/werk/bezoekers/nieuw");
  await page.getByLabel("Naam").first().fill("Olga Offline");
  await page.getByLabel("E-mailadres").first().fill(visitor);
  await page.getByRole("radio", { name: "De Zeeridder" }).check();
  await page.getByLabel("Datum").fill(todayInBrussels());
  await page.getByLabel("Van (uur)").fill("00:00");
  await page.getByLabel("Tot (uur)").fill("23:59");
  await page.getByLabel("Waarom komt de bezoeker?").fill("Offline proberen");
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page.getByRole("status")).toContainText("De uitnodiging is verstuurd.");

  await page.goto("/dev/mailbox");
  const mail = page.locator("article.mail", { has: page.getByTestId("mail-to").getByText(visitor, { exact: true }) }).first();
  const link = (await mail.locator("pre").innerText()).match(/https?:\/\/\S+\/pas\/\S+/)![0];

  // The visitor's phone: opens the link once with network...
  const phone = await browser.newContext();
  const visitorPage = await phone.newPage();
  await visitorPage.goto(new URL(link).pathname);
  await expect(visitorPage.getByRole("heading", { level: 1 })).toHaveText("Uw toegang tot De Zeeridder");
  await visitorPage.evaluate(async () => {
    await navigator.serviceWorker.ready;
    // The page caches itself; wait until it is there.
    for (let i = 0; i < 50 && !(await caches.match(location.pathname)); i++) await new Promise((r) => setTimeout(r, 100));
  });
  // ...and at the door there is none.
  await phone.setOffline(true);
  await visitorPage.reload();
  await expect(visitorPage.getByRole("heading", { level: 1 })).toHaveText("Uw toegang tot De Zeeridder");
  await expect(visitorPage.getByRole("img", { name: /QR/ })).toBeVisible();
  await phone.setOffline(false);
  await expectAccessible(visitorPage);
  await phone.close();
});
