import { expect, test } from "@playwright/test";
import { expectAccessible, staffLogin } from "./support";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a resident in Mikipedia (${javaScriptEnabled ? "with" : "without"} JavaScript)`, () => {
    test.use({ javaScriptEnabled });
    // Six axe checks each; without JavaScript every check replays the page in a second browser context.
    test.describe.configure({ timeout: 150_000 });

    test("searches with a typo, opens the answer and rates it", async ({ page }) => {
      await page.goto("/");
      await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mikipedia" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mikipedia");
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByLabel("Waar zoekt u een antwoord op?").fill("burenbemidelling");
      await page.getByRole("button", { name: "Zoeken" }).click();
      await expect(page).toHaveURL(/\/mikipedia\/zoeken\?q=burenbemidelling/);
      await expect(page.getByRole("main")).toContainText("Bedoelde u: burenbemiddeling?");
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByRole("link", { name: "Ik heb ruzie met de buren. Kan de stad helpen?" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ik heb ruzie met de buren. Kan de stad helpen?");
      await expect(page.getByRole("heading", { name: "Wat heeft u nodig?" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText("Laatst nagekeken op");
      await expectAccessible(page, { javaScriptEnabled });

      // Sending without a choice: the summary says what is missing.
      await page.getByRole("button", { name: "Verstuur" }).click();
      await expect(page.getByRole("alert")).toContainText("Kies ja of nee.");
      await expectAccessible(page, { javaScriptEnabled });

      await page.getByLabel("Nee", { exact: true }).check();
      await page.getByLabel("Het antwoord is niet duidelijk.").check();
      await page.getByRole("button", { name: "Verstuur" }).click();
      await expect(page.getByRole("status")).toHaveText("Bedankt. Met uw antwoord maken we Mikipedia beter.");
      await expectAccessible(page, { javaScriptEnabled });
    });

    test("gets the ways to a person when there is no answer", async ({ page }) => {
      await page.goto("/mikipedia/zoeken?q=identiteitskaart%20verloren");
      await expect(page.getByRole("heading", { name: "Hier hebben we nog geen antwoord op" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Stel uw vraag aan de stad" })).toHaveAttribute("href", "/aanvragen/vraag-aan-de-stad");
      await expect(page.getByRole("link", { name: "Maak een afspraak aan het loket" })).toHaveAttribute("href", "/afspraak");
      await expect(page.getByRole("link", { name: "Ga langs in het Huis van de Mechelaar" })).toBeVisible();
      await expectAccessible(page, { javaScriptEnabled });

      await page.goto("/mikipedia?lng=nl");
    });

    test("browses a theme and an audience, and reads an answer in English", async ({ page }) => {
      await page.goto("/mikipedia");
      await page.getByRole("link", { name: "Welzijn en hulp" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welzijn en hulp");
      await expectAccessible(page, { javaScriptEnabled });
      await page.goto("/mikipedia");
      await page.getByRole("link", { name: "Senioren" }).last().click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Voor Senioren");
      await expectAccessible(page, { javaScriptEnabled });

      // Every seeded answer is translated; the Dutch fallback is checked in tests/integration/knowledge/api.test.ts.
      await page.goto("/mikipedia/beiaardschool?lng=en");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Can I learn to play the carillon in Mechelen?");
      await expect(page.getByRole("main")).not.toContainText("This answer has not been translated yet.");
      await expectAccessible(page, { javaScriptEnabled });
      await page.goto("/mikipedia/uitpas?lng=fr");
      await expect(page.getByRole("main")).not.toContainText("pas encore traduite");
      await expectAccessible(page, { javaScriptEnabled });
      await page.goto("/mikipedia?lng=nl");
    });
  });
}

test("an editor changes an answer and a second editor publishes it", async ({ browser }) => {
  // Two logins and seven long pages checked by axe on a busy machine.
  test.setTimeout(180_000);
  const evaContext = await browser.newContext();
  const eva = await evaContext.newPage();
  await staffLogin(eva, "redactie@example.com");
  await eva.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Redactie" }).click();
  await expect(eva.getByRole("heading", { level: 1 })).toHaveText("Redactie Mikipedia");
  await expectAccessible(eva);

  await eva.getByRole("link", { name: "Wat is een UiTPAS en wat kan ik ermee doen?" }).first().click();
  await expect(eva.getByRole("heading", { level: 1 })).toContainText("Wat is een UiTPAS");
  await expectAccessible(eva);

  const summary = `Met een UiTPAS krijgt u korting op sport, cultuur en vrije tijd. Vraag hem aan de vrijetijdsbalie (${Date.now()}).`;
  await eva.getByLabel("Kort antwoord (één of twee zinnen)").fill(summary);
  await eva.getByRole("button", { name: "Voorbeeld", exact: true }).click();
  await expect(eva.locator("#leesbaarheid")).toContainText("Flesch-Douma:");
  await expect(eva.getByRole("region", { name: "Voorbeeld: zo ziet de bewoner het artikel" })).toContainText(summary);
  await expect(eva.getByLabel("Kort antwoord (één of twee zinnen)")).toHaveValue(summary);
  await expectAccessible(eva);

  await eva.getByRole("button", { name: "Bewaar en vraag nalezing" }).click();
  await expect(eva.getByRole("status").first()).toHaveText("Uw wijziging is bewaard als nieuwe versie.");
  await expect(eva.locator("#publiceren")).toContainText("is van u. Een andere redacteur moet ze publiceren.");
  await expect(eva.locator("#publiceren").getByRole("button")).toHaveCount(0);
  await expectAccessible(eva);

  await eva.getByRole("link", { name: /Bekijk wat versie \d+ veranderde/ }).first().click();
  await expect(eva.getByRole("heading", { level: 1 })).toHaveText(/Wijzigingen in versie \d+/);
  await expect(eva.locator("ins").first()).toBeVisible();
  await expectAccessible(eva);
  await evaContext.close();

  const rafContext = await browser.newContext();
  const raf = await rafContext.newPage();
  await staffLogin(raf, "eindredactie@example.com");
  await raf.goto("/werk/redactie");
  await raf.getByRole("region", { name: "Wacht op een tweede redacteur" }).getByRole("link", { name: "Wat is een UiTPAS en wat kan ik ermee doen?" }).click();
  await raf.getByRole("button", { name: /Publiceer versie \d+/ }).click();
  await expect(raf.getByRole("status").first()).toHaveText("De versie is gepubliceerd. Inwoners zien nu de nieuwe tekst.");
  await expectAccessible(raf);
  await raf.getByRole("link", { name: "Bekijk de gepubliceerde versie" }).click();
  await expect(raf.getByRole("main")).toContainText(summary);
  await expectAccessible(raf);
  await rafContext.close();
});
