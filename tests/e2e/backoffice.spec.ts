import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, registerResident, staffLogin } from "./support";

/**
 * Issue 6: the back office handles what residents and the front office start; every step is
 * visible to the resident in plain Dutch and to the front-office agent who filed it.
 */

const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

/** The front-office agent files a request for An Peeters by phone, with the intake screens; returns its reference. */
async function filePhoneRequest(front: Page) {
  await front.goto("/werk/bewoners");
  await front.getByLabel("Naam, e-mailadres, telefoon of dossiernummer").fill("an.peeters@example.com");
  await front.getByRole("button", { name: "Zoeken" }).click();
  await front.getByRole("link", { name: "An Peeters" }).click();
  await front.getByRole("link", { name: "Aanvraag indienen voor deze bewoner" }).click();
  await front.getByRole("link", { name: "Een attest of een kopie van een document aanvragen" }).click();
  await front.getByLabel("Aan de telefoon").check();
  await front.getByLabel("Welk document heeft u nodig?").fill("Een kopie van mijn bouwvergunning");
  await front.getByLabel("Waarvoor heeft u het document nodig?").fill("Voor de notaris.");
  await front.getByLabel("Hoeveel exemplaren heeft u nodig?").fill("1");
  await front.getByLabel("In dit portaal, bij mijn dossier").check();
  await front.getByLabel(/Ik geef de stad de toestemming/).check();
  await front.getByRole("button", { name: "Aanvraag indienen" }).click();
  await expect(front.getByRole("heading", { level: 1 })).toHaveText("De aanvraag is ingediend");
  await expectAccessible(front);
  return (await front.getByTestId("reference").innerText()).trim();
}

test("a request goes from resident to back office and back, and the front office follows a phone request", async ({ page, browser }) => {
  test.setTimeout(6 * 60_000); // a long journey with an axe check on every page, on a shared 2-core machine
  const email = `backoffice-${Date.now()}@example.com`;
  await registerResident(page, "Sofie Wouters", email);

  // 1. The resident files a question to the city.
  await page.goto("/aanvragen/vraag-aan-de-stad");
  await page.getByLabel("Waarover gaat uw vraag?").fill("Parkeren bij een verhuis");
  await page.getByLabel("Uw vraag", { exact: true }).fill("Mag ik een verhuiswagen voor mijn deur zetten?");
  await page.getByLabel("Via dit portaal en per e-mail").check();
  await page.getByRole("button", { name: "Controleer uw antwoorden" }).click();
  await page.getByRole("button", { name: "Verstuur uw aanvraag" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw aanvraag is verstuurd");
  const reference = (await page.locator(".reference").innerText()).trim();

  // 2. A back-office agent of the team claims it from the queue and asks for a document.
  const staffContext = await browser.newContext();
  const agent = await staffContext.newPage();
  await staffLogin(agent, "backoffice@example.com");
  await agent.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Werkbak" }).click();
  await expect(agent.getByRole("heading", { level: 1 })).toHaveText("Werkbak");
  await agent.getByLabel("Behandelaar").selectOption("none");
  await agent.getByRole("button", { name: "Toon dossiers" }).click();
  await expect(agent).toHaveURL(/assigned=none/);
  await expectAccessible(agent);
  await agent.getByRole("button", { name: `Neem dossier ${reference}` }).click();
  const claimed = agent.getByRole("status");
  await expect(claimed).toContainText(`Dossier ${reference} staat nu op uw naam.`);
  // It left the "not assigned" view; the notice links to it.
  await expect(agent.getByRole("row", { name: new RegExp(reference) })).toHaveCount(0);
  await claimed.getByRole("link", { name: `Open dossier ${reference}` }).click();
  await expect(agent.getByRole("heading", { level: 1 })).toContainText(reference);
  const state = agent.getByRole("region", { name: "Toestand" });
  await expect(state).toContainText("Bart Backoffice");
  // On top: the due date and the next step; each action waits behind its own disclosure.
  await expect(state).toContainText("Termijn");
  await expect(state).toContainText("Volgende stap");
  await expect(agent.getByLabel("Vraag aan de bewoner")).toBeHidden();
  await expectAccessible(agent);
  await agent.locator("summary", { hasText: "Informatie vragen" }).click();
  await agent.getByLabel("Vraag aan de bewoner").fill("Stuur ons een foto of plan van de straat, als PDF.");
  await agent.getByRole("button", { name: "Stel de vraag" }).click();
  await expect(agent.getByRole("status")).toContainText("Uw vraag is verstuurd");
  const history = agent.getByRole("region", { name: "Geschiedenis" });
  await expect(history).toContainText("Informatie gevraagd aan de bewoner");
  await expect(history).toContainText("Intern");
  await expect(history).toContainText("Zichtbaar voor bewoner");
  await expectAccessible(agent);

  // 3. The resident answers "Actie nodig" with a file.
  await page.goto(`/mijn/dossiers/${reference}`);
  const action = page.getByRole("region", { name: "Actie nodig" });
  await expect(action).toContainText("Stuur ons een foto of plan van de straat");
  await action.getByLabel("Uw antwoord").fill("Hier is het plan.");
  await action.getByLabel("Voeg een bestand toe").setInputFiles({ name: "plan.pdf", mimeType: "application/pdf", buffer: PDF });
  await action.getByRole("button", { name: "Verstuur" }).click();
  await expect(page.getByRole("status")).toContainText("We hebben uw antwoord ontvangen");

  // 4. The agent sees the answer and the file, takes the case in hand, decides and closes.
  await agent.reload();
  await expect(agent.getByRole("region", { name: "Berichten met de bewoner" })).toContainText("Hier is het plan.");
  await expect(agent.getByRole("link", { name: "Download plan.pdf" })).toHaveAttribute("href", /\/werk\/dossiers\/.+\/bestanden\//);
  await agent.locator("summary", { hasText: "Status wijzigen" }).click();
  // Only real steps in the status list (no "(alleen substatus)" choice).
  await expect(agent.getByLabel("Nieuwe status").locator("option", { hasText: "alleen substatus" })).toHaveCount(0);
  await agent.getByLabel("Nieuwe status").selectOption("in-behandeling");
  await agent.getByRole("button", { name: "Wijzig de status" }).click();
  await expect(agent.getByRole("status")).toContainText("De status is gewijzigd.");
  const decision = agent.getByRole("region", { name: "Beslissing" });
  await decision.locator("summary").click();
  // Statuses read as words, not keys like "beantwoord".
  await decision.getByLabel("We hebben uw vraag beantwoord.").check();
  await decision.getByLabel("Reden voor de bewoner").fill("Ja, dat mag. Vraag wel eerst een parkeerverbod aan.");
  await decision.getByRole("button", { name: "Beslis en sluit af" }).click();
  await expect(agent.getByRole("status")).toContainText("dossier is afgesloten");
  await expect(agent.getByRole("region", { name: "Alleen lezen" })).toBeVisible();
  await expectAccessible(agent);

  // 5. The resident sees every step in plain Dutch and rates the service.
  await page.goto(`/mijn/dossiers/${reference}`);
  const timeline = page.getByRole("region", { name: "Wat is er al gebeurd?" });
  await expect(timeline).toContainText("De stad vroeg u iets.");
  await expect(timeline).toContainText("U heeft geantwoord.");
  await expect(timeline).toContainText("Een medewerker werkt aan uw aanvraag.");
  await expect(timeline).toContainText("We hebben uw vraag beantwoord.");
  await expect(timeline).toContainText("Ja, dat mag. Vraag wel eerst een parkeerverbod aan.");
  await expect(timeline).not.toContainText("Bart Backoffice");
  await expectAccessible(page);
  await page.getByLabel("5 – heel tevreden").check();
  await page.getByRole("button", { name: "Verstuur mijn mening" }).click();
  await expect(page.getByRole("status")).toContainText("Bedankt voor uw mening.");
  await expectAccessible(page);

  // 6. A phone request filed by the front office: the back office asks something, the agent who filed it is told.
  const frontContext = await browser.newContext();
  const front = await frontContext.newPage();
  await staffLogin(front, "frontoffice@example.com");
  const phoneRef = await filePhoneRequest(front);
  await agent.goto(`/werk/dossiers/${phoneRef}`);
  await agent.locator("summary", { hasText: "Informatie vragen" }).click();
  await agent.getByLabel("Vraag aan de bewoner").fill("Voor welk document wilt u een kopie?");
  await agent.getByRole("button", { name: "Stel de vraag" }).click();
  await expect(agent.getByRole("status")).toContainText("Uw vraag is verstuurd");
  await staffContext.close();

  await front.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Taken" }).click();
  await expect(front.getByRole("heading", { level: 1 })).toHaveText("Taken voor de front office");
  const task = front.getByRole("listitem").filter({ hasText: phoneRef }).filter({ hasText: "Breng de bewoner op de hoogte" });
  await expect(task).toContainText("De stad vraagt de bewoner iets");
  await expect(front.getByRole("region", { name: "Dossiers die u indiende voor bewoners", exact: true })).toContainText(phoneRef);
  await expectAccessible(front);
  await task.getByRole("link", { name: phoneRef }).click();
  await expect(front.getByRole("region", { name: "Geschiedenis" })).toContainText("Informatie gevraagd aan de bewoner");
  await expect(front.getByRole("region", { name: "Berichten met de bewoner" })).toContainText("Voor welk document wilt u een kopie?");
  await expect(front.getByRole("region", { name: "Alleen lezen" })).toContainText("U volgt dit dossier.");
  await expectAccessible(front);
  await front.goBack();
  await front.getByRole("listitem").filter({ hasText: phoneRef }).filter({ hasText: "Breng de bewoner op de hoogte" }).getByRole("button", { name: "Gedaan" }).click();
  await expect(front.getByRole("status")).toContainText("De taak is afgewerkt.");
  await expect(front.getByRole("listitem").filter({ hasText: phoneRef }).filter({ hasText: "Breng de bewoner op de hoogte" })).toHaveCount(0);
  await frontContext.close();
});

test("an admin sees a status model refused when a status cannot reach an end, and chooses team leads", async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await staffLogin(page, "beheer@example.com");
  await page.getByRole("link", { name: "Diensten: statusmodel en team" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Diensten: statusmodel en team");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Vrijwilliger worden" }).click();
  const model = page.getByLabel("Statusmodel (JSON)");
  const original = await model.inputValue();
  const broken = JSON.parse(original) as { statuses: { key: string; next: string[] }[] };
  // "afspraak-gemaakt" and a new "wacht" only lead to each other: no way to close the case from there.
  const appointment = broken.statuses.find((s) => s.key === "afspraak-gemaakt")!;
  broken.statuses.push({ ...appointment, key: "wacht", next: ["afspraak-gemaakt"] });
  appointment.next = ["wacht"];
  await model.fill(JSON.stringify(broken, null, 2));
  await page.getByRole("button", { name: "Bewaar" }).click();
  await expect(page.getByRole("alert")).toContainText("Het statusmodel is niet bewaard.");
  await expect(page.getByRole("main")).toContainText("Vanuit status afspraak-gemaakt kan een dossier nooit afgesloten worden.");
  // What the admin typed is kept, to fix it.
  await expect(model).toHaveValue(JSON.stringify(broken, null, 2));
  await expectAccessible(page);
  await model.fill(original);
  await page.getByRole("button", { name: "Bewaar" }).click();
  await expect(page.getByRole("status")).toContainText("De dienst is bewaard.");

  const burgerzaken = page.getByRole("group", { name: "Burgerzaken" });
  await burgerzaken.getByLabel("Bart Backoffice").check();
  await page.getByRole("button", { name: "Bewaar de verantwoordelijken van Burgerzaken" }).click();
  await expect(page.getByRole("status")).toContainText("De teamverantwoordelijken zijn bewaard.");
  await expect(page.getByRole("group", { name: "Burgerzaken" }).getByLabel("Bart Backoffice")).toBeChecked();
  await expectAccessible(page);
});
