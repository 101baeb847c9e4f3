import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, registerResident, staffLogin } from "./support";

async function residentLogin(page: Page, email: string, javaScriptEnabled: boolean) {
  await registerResident(page, "Lotte Janssens", email);
  await expectAccessible(page, { javaScriptEnabled });
}

async function fillAddress(page: Page, legend: string, street: string, number: string) {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Straat").fill(street);
  await group.getByLabel("Huisnummer").fill(number);
  await group.getByLabel("Postcode en gemeente").selectOption("2800");
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a resident files a request (${javaScriptEnabled ? "with" : "without"} JavaScript)`, () => {
    test.use({ javaScriptEnabled });

    test("from a Mikipedia answer to a submitted request, then answers 'Actie nodig'", async ({ page, browser }) => {
      test.setTimeout(5 * 60_000); // a long journey with an axe check on every page, on a shared 2-core machine
      const email = `aanvraag-${javaScriptEnabled ? "js" : "nojs"}-${Date.now()}@example.com`;
      await residentLogin(page, email, javaScriptEnabled);

      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Aanvragen" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iets aanvragen bij de stad");
      await expectAccessible(page, { javaScriptEnabled });

      // The journey starts where residents look for help: a question in Mikipedia.
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mikipedia" }).click();
      await page.getByRole("searchbox").first().fill("ruzie met de buren");
      await page.getByRole("searchbox").first().press("Enter");
      await expectAccessible(page, { javaScriptEnabled });
      await page.getByRole("link", { name: "Ik heb ruzie met de buren. Kan de stad helpen?" }).first().click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ik heb ruzie met de buren. Kan de stad helpen?");
      await expectAccessible(page, { javaScriptEnabled });
      await page.getByRole("link", { name: "Vraag „Burenbemiddeling aanvragen” online aan" }).click();

      // Step 1, with a mistake first.
      await expect(page.getByText("Stap 1 van 2")).toBeVisible();
      await page.getByLabel("Sinds wanneer is er een probleem? (niet verplicht)").fill("2999-01-01");
      await page.getByRole("button", { name: "Volgende stap" }).click();
      const summary = page.getByRole("alert");
      await expect(summary).toContainText("Er is een probleem");
      await expect(summary.getByRole("link", { name: "Vul dit veld in." })).toHaveAttribute("href", "#problem");
      await expect(summary.getByRole("link", { name: "Kies vandaag of een dag eerder." })).toBeVisible();
      await expectAccessible(page, { javaScriptEnabled });
      await page.getByLabel("Wat is het probleem met uw buren?").fill("De buren maken elke nacht lawaai.");
      await page.getByLabel("Sinds wanneer is er een probleem? (niet verplicht)").fill("2026-01-15");
      await page.getByLabel("Lawaai").check();
      // Save and come back later: what was typed is still there.
      await page.getByRole("button", { name: "Bewaar en ga later verder" }).click();
      await expect(page.getByRole("status")).toContainText("We hebben uw antwoorden bewaard");
      await page.goto("/mijn/dossiers");
      await expect(page.getByRole("region", { name: "Nog niet verstuurd" })).toBeVisible();
      await expectAccessible(page, { javaScriptEnabled });
      await page.getByRole("region", { name: "Nog niet verstuurd" }).getByRole("link", { name: "Burenbemiddeling aanvragen" }).click();
      await expect(page.getByLabel("Wat is het probleem met uw buren?")).toHaveValue("De buren maken elke nacht lawaai.");
      await page.getByRole("button", { name: "Volgende stap" }).click();

      // Step 2.
      await expect(page.getByText("Stap 2 van 2")).toBeVisible();
      await expectAccessible(page, { javaScriptEnabled });
      await fillAddress(page, "Uw adres in Mechelen", "Bruul", "10");
      await fillAddress(page, "Het adres van uw buren", "Bruul", "12");
      await page.getByLabel("Ik geef de stad de toestemming").check();
      await page.getByRole("button", { name: "Controleer uw antwoorden" }).click();

      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Controleer uw antwoorden");
      await expect(page.getByRole("main")).toContainText("Bruul 12, 2800 Mechelen");
      await expectAccessible(page, { javaScriptEnabled });
      await page.getByRole("button", { name: "Verstuur uw aanvraag" }).click();

      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw aanvraag is verstuurd");
      const reference = (await page.locator(".reference").innerText()).trim();
      expect(reference).toMatch(/^MEC-\d{4}-\d{6}$/);
      await expect(page.getByRole("main")).toContainText("schatting, geen termijn uit de wet");
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByRole("link", { name: "Naar Mijn dossiers" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mijn dossiers");
      const row = page.getByRole("row", { name: new RegExp(reference) });
      await expect(row).toContainText("We hebben uw aanvraag ontvangen");
      await expectAccessible(page, { javaScriptEnabled });
      const expectedBefore = await row.getByRole("cell").nth(3).innerText();

      // The Welzijn back office asks for something on its case page.
      const staffContext = await browser.newContext();
      const staff = await staffContext.newPage();
      await staffLogin(staff, "backoffice.welzijn@example.com");
      await staff.goto(`/werk/dossiers/${reference}`);
      await staff.locator("summary", { hasText: "Informatie vragen" }).click();
      await staff.getByLabel("Vraag aan de bewoner").fill("Hoe lang woont u al op dit adres?");
      await staff.getByRole("button", { name: "Stel de vraag" }).click();
      await expect(staff.getByRole("status")).toContainText("Uw vraag is verstuurd");
      await staffContext.close();

      await page.goto("/mijn/dossiers");
      await expect(page.getByRole("row", { name: new RegExp(reference) })).toContainText("Actie nodig");
      expect(expectedBefore).toMatch(/^rond /);
      await page.getByRole("link", { name: "Burenbemiddeling aanvragen" }).click();
      const action = page.getByRole("region", { name: "Actie nodig" });
      await expect(action).toContainText("Hoe lang woont u al op dit adres?");
      await expectAccessible(page, { javaScriptEnabled });
      await action.getByRole("button", { name: "Verstuur" }).click();
      await expect(page.getByRole("alert")).toContainText("Schrijf uw bericht.");
      await expectAccessible(page, { javaScriptEnabled });
      await page.getByRole("region", { name: "Actie nodig" }).getByLabel("Uw antwoord").fill("Al vijf jaar.");
      await page.getByRole("region", { name: "Actie nodig" }).getByRole("button", { name: "Verstuur" }).click();
      await expect(page.getByRole("status")).toContainText("We hebben uw antwoord ontvangen");
      await expect(page.getByRole("region", { name: "Actie nodig" })).toHaveCount(0);
      await expect(page.getByRole("region", { name: "Berichten" })).toContainText("Al vijf jaar.");
      await expectAccessible(page, { javaScriptEnabled });

      await page.goto("/mijn");
      await expect(page.getByRole("link", { name: "Download al mijn gegevens" })).toHaveAttribute("href", "/mijn/gegevens.json");
      await expectAccessible(page, { javaScriptEnabled });
    });
  });
}
