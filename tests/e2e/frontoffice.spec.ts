import { expect, test } from "@playwright/test";
import { expectAccessible, expectCallOnWaitingScreen, openDesk, staffLogin } from "./support";

/**
 * Issue 5, "done when": a walk-in takes a ticket, the waiting screen shows the call, the
 * agent calls, finds the resident, answers with a Mikipedia article, files a request for
 * them and finishes. A second counter agent (frontoffice.2@) and the "Vrije tijd" queue keep
 * this journey apart from counter.spec.ts, which runs beside it.
 */
test("front office: a walk-in is called, found, answered with Mikipedia and helped with a request", async ({ browser, page }) => {
  // The kiosk at the entrance.
  await page.goto("/kiosk/loket");
  await page.getByRole("button", { name: "Vrije tijd" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw ticket");
  const number = (await page.locator(".ticket-number").innerText()).trim();
  expect(number).toMatch(/^V-\d{3}$/);
  await expectAccessible(page);

  // The agent opens a desk for leisure and calls the visitor.
  const agentContext = await browser.newContext({ locale: "nl-BE" });
  const agent = await agentContext.newPage();
  await staffLogin(agent, "frontoffice.2@example.com");
  await expect(agent.getByRole("heading", { name: "Front office" })).toBeVisible();
  await expectAccessible(agent);
  await agent.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn loket" }).click();
  await openDesk(agent, "Loket 4", "V – Vrije tijd");
  await agent.getByRole("button", { name: "Volgende bezoeker oproepen" }).click();
  await expect(agent.getByRole("heading", { name: `Bezoeker ${number}` })).toBeVisible();
  await expectAccessible(agent);

  // The waiting-room screen shows the call.
  await expectCallOnWaitingScreen(browser, number, "Loket 4");

  await agent.getByRole("button", { name: "Gesprek starten" }).click();

  // The agent finds the resident and opens her file.
  await agent.getByRole("link", { name: "Bewoner zoeken" }).click();
  await expect(agent.getByRole("heading", { level: 1 })).toHaveText("Bewoner zoeken");
  await expect(agent.getByText(`U helpt nu bezoeker ${number}.`)).toBeVisible();
  await agent.getByLabel("Naam, e-mailadres, telefoon of dossiernummer").fill("marie dubois");
  await agent.getByRole("button", { name: "Zoeken" }).click();
  await expect(agent.getByRole("heading", { name: "1 bewoner gevonden" })).toBeVisible();
  await expectAccessible(agent);
  await agent.getByRole("link", { name: "Marie Dubois" }).click();
  await expect(agent.getByRole("heading", { level: 1 })).toHaveText("Bewoner: Marie Dubois");
  const fileUrl = new URL(agent.url()).pathname;
  await expectAccessible(agent);

  // She asks about parking: the agent answers with the Mikipedia article and registers the contact.
  await agent.getByRole("link", { name: "Contact registreren" }).click();
  await expect(agent.getByRole("heading", { level: 1 })).toHaveText("Contact registreren");
  await expect(agent.getByLabel("Loket", { exact: true })).toBeChecked();
  await expect(agent.getByLabel(`Koppelen aan bezoeker ${number}`)).toBeChecked();
  await agent.getByRole("button", { name: "Contact opslaan" }).click();
  await expect(agent.getByRole("alert")).toContainText("Vul het onderwerp in.");
  await expectAccessible(agent);
  await agent.getByLabel("Onderwerp").fill("Parkeren in mijn straat");
  // Enter in the search box searches (JavaScript); Enter in any other field saves (below).
  await agent.getByLabel("Zoeken in Mikipedia").fill("bewonerskaart");
  await agent.getByLabel("Zoeken in Mikipedia").press("Enter");
  const article = agent.getByLabel("Hoe krijg ik een bewonerskaart om te parkeren?");
  await article.check();
  await expect(agent).toHaveURL(/\/werk\/contacten\/nieuw/);
  await expect(agent.getByLabel("Onderwerp")).toHaveValue("Parkeren in mijn straat");
  await expectAccessible(agent);
  await agent.getByLabel("Beantwoord").check();
  await agent.getByLabel("Onderwerp").press("Enter");
  await expect(agent.getByRole("status")).toContainText("Het contact is opgeslagen.");
  const timeline = agent.getByTestId("timeline");
  await expect(timeline).toContainText("Parkeren in mijn straat");
  await expect(timeline.getByRole("link", { name: "Hoe krijg ik een bewonerskaart om te parkeren?" })).toBeVisible();
  await expect(timeline).toContainText(number);
  await expectAccessible(agent);

  // She also has a question for the city: the agent files it for her with the same form.
  await agent.getByRole("link", { name: "Aanvraag indienen voor deze bewoner" }).click();
  await expectAccessible(agent);
  await agent.getByRole("link", { name: "Een vraag stellen aan het Huis van de Mechelaar" }).click();
  await expect(agent.getByText("Voor: Marie Dubois")).toBeVisible();
  await agent.getByRole("button", { name: "Aanvraag indienen" }).click();
  await expect(agent.getByRole("alert")).toBeVisible();
  await expectAccessible(agent);
  await agent.getByLabel("Waarover gaat uw vraag?").fill("Bewonerskaart voor een tweede auto");
  await agent.getByLabel("Uw vraag", { exact: true }).fill("Kan ik een tweede bewonerskaart krijgen voor de auto van mijn dochter?");
  await agent.getByLabel("Per telefoon").check();
  await agent.getByLabel(/Uw telefoonnummer/).fill("015 12 34 56");
  await agent.getByRole("button", { name: "Aanvraag indienen" }).click();
  await expect(agent.getByRole("heading", { level: 1 })).toHaveText("De aanvraag is ingediend");
  const reference = (await agent.getByTestId("reference").innerText()).trim();
  expect(reference).toMatch(/^MEC-\d{4}-\d{6}$/);
  // Marie wants paper, in French: the agent gets a confirmation in her language to print and hand over.
  await expect(agent.getByText("De bewoner wil berichten op papier.")).toBeVisible();
  await expect(agent.getByRole("heading", { name: "Confirmation de votre demande" })).toBeVisible();
  await expect(agent.getByText(`Votre numéro de dossier est ${reference}.`)).toBeVisible();
  await expectAccessible(agent);

  await agent.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn loket" }).click();
  await agent.getByRole("link", { name: "Mijn ingediende aanvragen" }).click();
  await expect(agent.getByRole("table")).toContainText(reference);
  await expect(agent.getByRole("table")).toContainText("Marie Dubois");
  await expectAccessible(agent);

  // The visit is finished.
  await agent.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Mijn loket" }).click();
  await agent.getByRole("button", { name: "Afronden" }).click();
  await expect(agent.getByRole("button", { name: "Volgende bezoeker oproepen" })).toBeVisible();

  // Marie rates the visit with one tap on the tablet at the desk; her file shows the score
  // on the visit and on the contact the agent registered.
  const tabletUrl = await agent.getByRole("link", { name: "Tablet voor tevredenheid aan dit loket" }).getAttribute("href");
  const tabletContext = await browser.newContext({ locale: "nl-BE" });
  const tablet = await tabletContext.newPage();
  await tablet.goto(tabletUrl!);
  await expect(tablet.getByText(`Uw nummer was ${number}.`)).toBeVisible();
  await expectAccessible(tablet);
  await tablet.getByRole("button", { name: "Heel tevreden" }).click();
  await expect(tablet.getByText("Dank u wel voor uw antwoord!")).toBeVisible();
  await tabletContext.close();
  await agent.goto(fileUrl);
  await expect(agent.getByTestId("timeline").locator('li[data-kind="ticket"]', { hasText: number })).toContainText("Tevredenheid: 5 van 5");
  await expect(agent.getByTestId("timeline").locator('li[data-kind="contact"]', { hasText: "Parkeren in mijn straat" })).toContainText("Tevredenheid: 5 van 5");
  await agentContext.close();
});

test("front office without JavaScript: an anonymous contact answered with a Mikipedia article", async ({ browser }) => {
  const context = await browser.newContext({ locale: "nl-BE", javaScriptEnabled: false });
  const agent = await context.newPage();
  await staffLogin(agent, "frontoffice.2@example.com");
  await agent.goto("/werk/contacten/nieuw");
  await expect(agent.getByText("Anoniem contact: er wordt geen bewoner gekoppeld.")).toBeVisible();
  await expectAccessible(agent, { javaScriptEnabled: false });
  await agent.getByLabel("Telefoon").check();
  await agent.getByLabel("Onderwerp").fill("Vraag over de bibliotheek");
  // Enter in the search box with a query not searched yet searches, also without JavaScript.
  await agent.getByLabel("Zoeken in Mikipedia").fill("bibliotheek");
  await agent.getByLabel("Zoeken in Mikipedia").press("Enter");
  await expect(agent.getByLabel("Onderwerp")).toHaveValue("Vraag over de bibliotheek");
  await expect(agent.getByLabel("Telefoon")).toBeChecked();
  await agent.getByRole("group", { name: "Gebruikte Mikipedia-artikels" }).getByRole("checkbox").first().check();
  await expectAccessible(agent, { javaScriptEnabled: false });
  await agent.getByLabel("Beantwoord").check();
  // Enter in a text field saves, also without JavaScript (the form's hidden default button).
  await agent.getByLabel("Onderwerp").press("Enter");
  await expect(agent.getByRole("status")).toContainText("Het anonieme contact is opgeslagen.");
  await expectAccessible(agent, { javaScriptEnabled: false });
  await context.close();
});
