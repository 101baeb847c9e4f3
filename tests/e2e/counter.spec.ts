import { expect, test } from "@playwright/test";
import { expectAccessible, expectCallOnWaitingScreen, openDesk, residentLogin, staffLogin } from "./support";

test("a walk-in takes a ticket, the agent calls it and the waiting room shows the call", async ({ browser, page }) => {
  // The kiosk at the entrance, in Dutch.
  await page.goto("/kiosk/loket");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welkom in het Huis van de Mechelaar");
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel(/Ik heb voorrang nodig/).check();
  await page.getByRole("button", { name: "Wonen en energie" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw ticket");
  const number = (await page.locator(".ticket-number").innerText()).trim();
  expect(number).toMatch(/^W-\d{3}$/);
  await expect(page.getByText(/Er (is|zijn) \d+ perso(o|ne)n? voor u\.|U bent de volgende\./)).toBeVisible();
  await expectAccessible(page);
  // The ticket screen returns to the start by itself; the visitor looks at their ticket again later.
  const ticketUrl = page.url();

  // The agent opens a desk for housing and energy and calls the next visitor.
  const agentContext = await browser.newContext({ locale: "nl-BE" });
  const agent = await agentContext.newPage();
  await staffLogin(agent, "frontoffice@example.com");
  await agent.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn loket" }).click();
  await expectAccessible(agent);
  await agent.getByRole("button", { name: "Loket openen" }).click();
  await expect(agent.getByRole("alert")).toContainText("Kies een loket.");
  await expectAccessible(agent);
  await openDesk(agent, "Loket 3", "W – Wonen en energie");
  await expectAccessible(agent);
  await agent.getByRole("button", { name: "Volgende bezoeker oproepen" }).click();
  await expect(agent.getByRole("heading", { name: `Bezoeker ${number}` })).toBeVisible();
  await expectAccessible(agent);

  // The waiting-room screen shows the call.
  await expectCallOnWaitingScreen(browser, number, "Loket 3");

  // The visitor's ticket page now says where to go.
  await page.goto(ticketUrl);
  await expect(page.getByText("Ga naar Loket 3.")).toBeVisible();

  await agent.getByRole("button", { name: "Gesprek starten" }).click();
  await expect(agent.getByText("in gesprek")).toBeVisible();
  await agent.getByRole("button", { name: "Afronden" }).click();
  await expect(agent.getByRole("button", { name: "Volgende bezoeker oproepen" })).toBeVisible();
  await agentContext.close();
});

test("the kiosk speaks English and French too", async ({ page }) => {
  await page.goto("/kiosk/loket?lng=fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bienvenue au Huis van de Mechelaar");
  await expect(page.getByRole("button", { name: "Logement et énergie" })).toBeVisible();
  await expectAccessible(page);
});

test("a resident books an appointment, moves it and cancels it", async ({ page }) => {
  await residentLogin(page, "an.peeters@example.com");
  await page.getByRole("link", { name: "Een afspraak maken" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Een afspraak maken");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Burgerzaken" }).click();
  await expect(page.getByRole("status")).toContainText("Het zijn niet de echte openingsuren van de stad.");
  await page.getByRole("button", { name: "Afspraak vastleggen" }).click();
  await expect(page.getByRole("alert")).toContainText("Kies een moment uit de lijst.");
  await expectAccessible(page);
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: "Afspraak vastleggen" }).click();
  await expect(page.getByRole("status")).toContainText("Uw afspraak is vastgelegd.");
  await expect(page.getByRole("img", { name: /QR-code voor uw afspraak AF-/ })).toBeVisible();
  const reference = (await page.locator("dd strong").innerText()).trim();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Afspraak verzetten" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw afspraak verzetten");
  await page.getByRole("radio").nth(1).check();
  await page.getByRole("button", { name: "Afspraak vastleggen" }).click();
  await expect(page.getByRole("status")).toContainText("Uw afspraak is vastgelegd.");
  expect((await page.locator("dd strong").innerText()).trim()).not.toBe(reference);
  await page.getByRole("button", { name: "Afspraak annuleren" }).click();
  await expect(page.getByRole("status")).toContainText("Uw afspraak is geannuleerd.");
  await expectAccessible(page);
  await page.goto("/mijn");
  await expect(page.getByRole("main")).toContainText("(geannuleerd)");
  await expectAccessible(page);
});
