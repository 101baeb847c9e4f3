import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, staffLogin } from "./support";

const NO_JS = { javaScriptEnabled: false };
const todayInBrussels = () => new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Brussels" });

/** An admin opens the poster of the Zeeridder's main entrance; returns the page its QR opens. */
async function posterPath(page: Page) {
  await staffLogin(page, "beheer@example.com");
  await page.goto("/werk/toegang");
  await expect(page.getByRole("link", { name: "QR-affiches per ingang" })).toBeVisible();
  await page.goto("/werk/toegang/affiches");
  const link = page.getByRole("link", { name: "Affiche van De Zeeridder – Hoofdingang" });
  await page.goto((await link.getAttribute("href"))!);
  await expect(page.locator(".poster-sheet > svg")).toBeVisible();
  await expectAccessible(page);
  return new URL((await page.locator(".pass-token").innerText()).trim()).pathname;
}

/** The visitor's own phone: no login, a fresh browser, here without JavaScript (the page needs none). */
async function phone(browser: Browser, path: string) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const visitor = await context.newPage();
  await visitor.goto(path);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Welkom in De Zeeridder");
  return visitor;
}

test("a visitor scans the entrance poster, checks in with the link from their invitation, and checks out", async ({ page, browser }) => {
  test.setTimeout(5 * 60_000); // three browsers and axe checks on a shared 2-core machine
  const email = `poster-${Date.now()}@example.com`;
  const path = await posterPath(page);

  const host = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await staffLogin(host, "gastheer@example.com");
  await host.goto("/werk/bezoekers/nieuw");
  await host.getByLabel("Naam").first().fill("Paula Poster");
  await host.getByLabel("E-mailadres").first().fill(email);
  await host.getByRole("radio", { name: "De Zeeridder" }).check();
  await host.getByLabel("Datum").fill(todayInBrussels());
  await host.getByLabel("Van (uur)").fill("00:00");
  await host.getByLabel("Tot (uur)").fill("23:59");
  await host.getByLabel("Waarom komt de bezoeker?").fill("Overleg");
  await host.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(host.getByRole("status")).toContainText("De uitnodiging is verstuurd.");

  await page.goto("/dev/mailbox");
  const mailText = await page
    .locator("article.mail", { has: page.getByTestId("mail-to").getByText(email, { exact: true }) })
    .first()
    .locator("pre")
    .innerText();
  const link = mailText.match(/https?:\/\/\S+\/pas\/\S+/)![0];

  const visitor = await phone(browser, path);
  await expectAccessible(visitor, NO_JS);
  await visitor.getByLabel("Link of korte code uit uw uitnodiging", { exact: true }).fill(link);
  await visitor.getByRole("button", { name: "Ik ben er" }).click();
  await expect(visitor.getByRole("status")).toContainText("Welkom, Paula Poster. U wordt verwacht door Hanne Gastvrouw.");
  await expectAccessible(visitor, NO_JS);

  await host.goto("/werk/bezoekers");
  await expect(host.getByTestId("arrivals")).toContainText("Paula Poster");

  // Later, at the door on the way out: the phone remembers the visit.
  await visitor.goto(path);
  await expect(visitor.getByText("Deze telefoon onthoudt uw bezoek.")).toBeVisible();
  await visitor.getByRole("button", { name: "Ik ben vertrokken" }).click();
  await expect(visitor.getByRole("status")).toContainText("Tot ziens, Paula Poster.");
});

test("a walk-in without invitation asks at the poster and is let in by the host", async ({ page, browser }) => {
  test.setTimeout(5 * 60_000);
  const path = await posterPath(page);

  const host = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await staffLogin(host, "gastheer@example.com");
  await host.goto("/werk/bezoekers");
  await expect(host.getByRole("link", { name: "Bezoekers zonder uitnodiging" })).toBeVisible();
  await host.goto("/werk/bezoekers/binnenlopers");
  await host.getByRole("checkbox", { name: "De Zeeridder" }).check();
  await host.getByRole("button", { name: "Opslaan" }).click();
  await expect(host.getByRole("status")).toContainText("Uw keuze is opgeslagen.");
  await expectAccessible(host, NO_JS);

  const visitor = await phone(browser, path);
  const name = `Wout Wandelaar ${Date.now() % 10000}`;
  await visitor.getByLabel("Uw naam").fill(name);
  await visitor.getByLabel("Wie bezoekt u?").selectOption({ label: "Hanne Gastvrouw" });
  await visitor.getByLabel("Waarom komt u?").fill("Pakje afgeven");
  await visitor.getByLabel("Ik heb gelezen wat de stad met mijn gegevens doet.").check();
  await visitor.getByRole("button", { name: "Vraag om binnen te mogen" }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Even geduld");
  await expectAccessible(visitor, NO_JS);

  // A fresh GET (reloading the page a POST answered would ask to post again).
  await host.goto("/werk/bezoekers/binnenlopers");
  // The button names the visitor for screen readers ("Niet binnenlaten: …" is the other one).
  await host.getByRole("button", { name: `Binnenlaten: ${name}`, exact: true }).click();
  await expect(host.getByRole("status")).toContainText("Uw antwoord is doorgegeven.");

  // The visitor's page updates by itself (a Refresh header: no JavaScript on this phone).
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Welkom", { timeout: 30_000 });
  await expect(visitor.getByRole("img", { name: "Uw QR-code voor dit bezoek" })).toBeVisible();
  await expectAccessible(visitor, NO_JS);
  await visitor.getByRole("button", { name: "Ik ben vertrokken" }).click();
  await expect(visitor.getByRole("status")).toContainText(`Tot ziens, ${name}.`);
});
