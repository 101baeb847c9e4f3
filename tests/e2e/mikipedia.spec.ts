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

  await eva
    .getByRole("link", { name: /Bekijk wat versie \d+ veranderde/ })
    .first()
    .click();
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

test("an English search finds a Dutch-only article with the label", async ({ browser }) => {
  // An editor writes a new Dutch article with English and French search terms; a second editor publishes it.
  test.setTimeout(180_000);
  const stamp = Date.now();
  const title = "Waar meld ik een zwerfkat?";
  const evaContext = await browser.newContext();
  const eva = await evaContext.newPage();
  await staffLogin(eva, "redactie@example.com");
  await eva.goto("/werk/redactie/nieuw");
  await expect(eva.getByRole("heading", { level: 1 })).toHaveText("Nieuw artikel");
  await eva.getByLabel("Korte naam in het adres").fill(`zwerfkat-melden-${stamp}`);
  await eva.getByRole("combobox", { name: "Taal", exact: true }).selectOption("nl");
  await eva.getByLabel("Titel (een vraag zoals een inwoner ze stelt)").fill(title);
  await eva.getByLabel("Kort antwoord (één of twee zinnen)").fill("Ziet u een kat zonder baasje? Meld het aan het Huis van de Mechelaar.");
  await eva
    .getByLabel("Uitleg (Markdown)")
    .fill("## Wat is het?\nZiet u een kat zonder baasje? Meld het aan de stad.\n\n## Meer vragen?\nVraag het aan het Huis van de Mechelaar.");
  await eva.getByRole("group", { name: "Onderwerpen" }).getByLabel("Dienstverlening").check();
  await eva.getByRole("group", { name: "Voor wie" }).getByLabel("Inwoners").check();
  await eva.getByLabel("Bron in het memorandum: thema").fill("Thema 2: Werk klantgericht");
  await eva.getByLabel("Bron in het memorandum: hoofdstuk").fill("3. Klantgerichtheid en klantvriendelijkheid als centrale begrippen");
  await eva.getByLabel("Zoekwoorden", { exact: true }).fill("zwerfkat, kat, dieren");
  await eva.getByLabel("Zoekwoorden in het Engels").fill("stray cat, lost cat");
  await eva.getByLabel("Zoekwoorden in het Frans").fill("chat errant");
  await eva.getByLabel("Vragen zoals inwoners ze stellen").fill("Ik zie een kat zonder baasje.");
  await expectAccessible(eva);
  await eva.getByRole("button", { name: "Bewaar en vraag nalezing" }).click();
  await expect(eva.getByRole("status").first()).toHaveText("Uw wijziging is bewaard als nieuwe versie.");
  await evaContext.close();

  const rafContext = await browser.newContext();
  const raf = await rafContext.newPage();
  await staffLogin(raf, "eindredactie@example.com");
  await raf.goto("/werk/redactie");
  await raf.getByRole("region", { name: "Wacht op een tweede redacteur" }).getByRole("link", { name: title }).first().click();
  await raf.getByRole("button", { name: /Publiceer versie \d+/ }).click();
  await expect(raf.getByRole("status").first()).toHaveText("De versie is gepubliceerd. Inwoners zien nu de nieuwe tekst.");
  await rafContext.close();

  // A resident searches in English: the Dutch article is found, labelled "only in Dutch" and marked as Dutch.
  const residentContext = await browser.newContext();
  const page = await residentContext.newPage();
  await page.goto("/mikipedia/zoeken?q=stray%20cat&lng=en");
  const result = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title }) })
    .first();
  await expect(result).toBeVisible();
  await expect(result.getByRole("link", { name: title })).toHaveAttribute("lang", "nl");
  await expect(result).toContainText("only in Dutch");
  await expectAccessible(page);
  await result.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("main")).toContainText("This answer has not been translated yet.");
  await expectAccessible(page);
  await page.goto("/mikipedia?lng=nl");
  await residentContext.close();
});
