import { expect, test } from "@playwright/test";
import nodemailer from "nodemailer";
import { expectAccessible, openDesk, staffLogin } from "./support";

const SMTP_PORT = Number(process.env.E2E_SMTP_PORT);
const CITY = "info@mechelen.example.com";

test("a mail to the city arrives in the inbox; the agent answers, marks it handled, and the resident rates the answer", async ({ page }) => {
  const subject = `Vraag over de bibliotheek ${Date.now()}`;
  // A resident writes to the city's address: real SMTP to the portal's inbound server.
  const smtp = nodemailer.createTransport({ host: "127.0.0.1", port: SMTP_PORT, ignoreTLS: true });
  await smtp.sendMail({ from: "An Peeters <an.peeters@example.com>", to: CITY, subject, text: "Goedendag,\n\nTot wanneer is de bibliotheek open op zaterdag?\n\nAn" });
  smtp.close();

  await staffLogin(page, "frontoffice@example.com");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "E-mail" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E-mailinbox");
  const row = page.getByRole("row", { name: new RegExp(subject) });
  await expect(row).toContainText("Te behandelen");
  await expect(row).toContainText("An Peeters");
  await expectAccessible(page);

  await row.getByRole("link", { name: subject }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expect(page.getByText("Tot wanneer is de bibliotheek open op zaterdag?")).toBeVisible();
  await expect(page.getByText(/Bewoner: An Peeters/)).toBeVisible();
  await expectAccessible(page);

  // An empty answer is refused with a clear message.
  await page.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(page.getByRole("alert")).toContainText("Schrijf een antwoord.");
  await expectAccessible(page);

  await page.getByLabel("Uw antwoord").fill("Dag An,\n\nDe openingsuren staan op de website van de bibliotheek.");
  await page.getByRole("button", { name: "Antwoord versturen" }).click();
  await expect(page.getByRole("status")).toContainText("Uw antwoord is klaar om te versturen.");
  await expect(page.getByRole("article").filter({ hasText: "De openingsuren staan op de website" })).toContainText("Antwoord van");
  await expect(page.getByLabel("Uw antwoord")).toHaveValue("");

  await page.getByLabel("Beantwoord").check();
  await page.getByRole("button", { name: "Markeer als behandeld" }).click();
  await expect(page.getByRole("status")).toContainText("De mail is behandeld.");
  await expect(page.getByText("Behandeld: Beantwoord")).toBeVisible();
  await expectAccessible(page);

  // The question becomes a request for An, filed by the agent, with the mail text already in the form.
  await page.getByRole("link", { name: "Maak er een aanvraag van" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aanvraag maken van een mail");
  await page.getByLabel("Welke aanvraag?").selectOption("vraag-aan-de-stad");
  await page.getByRole("button", { name: "Formulier openen" }).click();
  await expect(page.getByLabel("Uw vraag", { exact: true })).toHaveValue(/Tot wanneer is de bibliotheek open op zaterdag\?/);
  await page.getByRole("button", { name: "Aanvraag indienen" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Via dit portaal en per e-mail").check();
  await page.getByRole("button", { name: "Aanvraag indienen" }).click();
  await expect(page.getByRole("status")).toContainText(/De aanvraag .+ is ingediend\./);
  await expectAccessible(page);

  await page.goto("/werk/inbox");
  await expect(page.getByRole("row", { name: new RegExp(subject) })).toContainText("Behandeld");

  // The reply and a satisfaction link went out through the outbox (development mailbox).
  await page.goto("/dev/mailbox");
  await expect(page.locator("article.mail", { hasText: `Re: ${subject}` })).toBeVisible();
  const invite = page
    .locator("article.mail", { hasText: "Hoe tevreden bent u over ons antwoord?", has: page.getByTestId("mail-to").getByText("an.peeters@example.com", { exact: true }) })
    .first();
  const link = (await invite.locator("pre").innerText()).match(/https?:\/\/\S+\/tevredenheid\/\S+/)![0];

  // The resident opens the link, without logging in, and taps one face.
  await page.context().clearCookies();
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("group", { name: "Hoe tevreden bent u over ons antwoord?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Heel tevreden" }).click();
  await expect(page.getByText("Dank u wel voor uw antwoord!")).toBeVisible();
  await expectAccessible(page);
  await page.goto(new URL(link).pathname);
  await expect(page.getByText("U heeft al geantwoord. Dank u wel!")).toBeVisible();
});

test("a visitor rates the visit with one tap on the tablet at the desk", async ({ browser, page }) => {
  // A colleague of their own, so this journey shares no desk or queue with the others.
  await staffLogin(page, "beheer@example.com");
  await page.goto("/werk/beheer/medewerkers/nieuw");
  await page.getByLabel("Naam").fill("Tine Tablet");
  await page.getByLabel("E-mailadres").fill("tine.tablet@example.com");
  await page.getByLabel(/^Frontoffice/).check();
  await page.getByLabel("Wachtwoord", { exact: true }).fill("Een-sterk-wachtwoord-2026");
  await page.getByRole("button", { name: "Bewaren" }).click();
  await expect(page.getByRole("status")).toHaveText("De medewerker is bewaard.");
  await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("button", { name: "Afmelden" }).click();
  // Wait for the logout to land: going to the login page earlier would still find the admin signed in.
  await expect(page).toHaveURL(/\/medewerkers\/aanmelden/);

  await staffLogin(page, "tine.tablet@example.com", "Een-sterk-wachtwoord-2026");
  await page.goto("/werk/loket");
  await openDesk(page, "Loket 2", "A – Andere vraag");
  const tabletUrl = await page.getByRole("link", { name: "Tablet voor tevredenheid aan dit loket" }).getAttribute("href");

  // The tablet at the desk waits for a finished visit.
  const tabletContext = await browser.newContext({ locale: "nl-BE" });
  const tablet = await tabletContext.newPage();
  await tablet.goto(tabletUrl!);
  await expect(tablet.getByText("Welkom. Na uw bezoek kunt u hier zeggen hoe tevreden u bent.")).toBeVisible();
  await expect(tablet.getByRole("navigation", { name: "Hoofdmenu" })).toHaveCount(0);
  await expectAccessible(tablet);

  // A walk-in takes a ticket at the kiosk; the agent serves and finishes.
  const kioskContext = await browser.newContext({ locale: "nl-BE" });
  const kiosk = await kioskContext.newPage();
  await kiosk.goto("/kiosk/loket");
  await kiosk.getByRole("button", { name: "Andere vraag" }).click();
  const number = (await kiosk.locator(".ticket-number").innerText()).trim();
  await page.getByRole("button", { name: "Volgende bezoeker oproepen" }).click();
  await expect(page.getByRole("heading", { name: `Bezoeker ${number}` })).toBeVisible();
  await page.getByRole("button", { name: "Afronden" }).click();

  // The tablet notices by itself and asks about this visit.
  await expect(tablet.getByText(`Uw nummer was ${number}.`)).toBeVisible();
  await expect(tablet.getByRole("group", { name: "Hoe tevreden bent u over uw bezoek?" })).toBeVisible();
  await expectAccessible(tablet);
  await tablet.getByRole("button", { name: "Tevreden", exact: true }).click();
  await expect(tablet.getByText("Dank u wel voor uw antwoord!")).toBeVisible();
  await expectAccessible(tablet);
  // Then it is ready for the next visitor.
  await expect(tablet.getByText("Welkom. Na uw bezoek kunt u hier zeggen hoe tevreden u bent.")).toBeVisible({ timeout: 20_000 });

  // The tablet speaks English and French too.
  await tablet.goto(`${tabletUrl}?lng=fr`);
  await expect(tablet.getByRole("heading", { level: 1 })).toHaveText("Satisfaction au Loket 2");
  await tabletContext.close();
  await kioskContext.close();
});
