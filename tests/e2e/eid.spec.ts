import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, registerResident } from "./support";

/**
 * Issue 18: itsme/eID through the development identity provider (scripts/lib/dev-oidc-provider.ts,
 * started for the e2e run by scripts/test.ts). Its login name field logs in as a fresh fake person;
 * each journey uses its own name, so journeys do not share an account.
 */
const fakeLogin = (what: string) => `e2e-${what}-${Date.now()}`;

/** On the provider's pages: the login name, then consent. Both pages are checked with axe. */
async function logInAtProvider(page: Page, login: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aanmelden");
  await expect(page.getByRole("main")).toContainText("nep-identiteiten");
  await expectAccessible(page);
  await page.getByLabel("Loginnaam").fill(login);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Toestemming");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Toestemming geven" }).click();
}

/** Fills the one step of "Attest of kopie aanvragen" and goes to the review page. */
async function fillCertificateRequest(page: Page, document: string) {
  await page.goto("/aanvragen/attest-of-kopie");
  await page.getByLabel("Welk document heeft u nodig?").fill(document);
  await page.getByLabel("Waarvoor heeft u het document nodig?").fill("Voor mijn werkgever.");
  await page.getByLabel("Hoeveel exemplaren heeft u nodig?").fill("2");
  await page.getByLabel("In dit portaal, bij mijn dossier").check();
  await page.getByLabel("Ik geef de stad de toestemming").check();
  await page.getByRole("button", { name: "Controleer uw antwoorden" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Controleer uw antwoorden");
}

test("a resident logs in with itsme/eID at the development provider, and logging out ends that session too", async ({ page }) => {
  const login = fakeLogin("eid");
  await page.goto("/aanmelden");
  await page.getByRole("link", { name: "Aanmelden met itsme of eID" }).click();
  await logInAtProvider(page, login);

  await expect(page).toHaveURL(/\/mijn$/);
  await expect(page.getByRole("main")).toContainText(`Demo ${login}`);
  await expectAccessible(page);

  // RP-initiated logout: the provider asks, then sends the resident back to the portal's login page.
  await page.getByRole("button", { name: "Afmelden", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Afmelden");
  await expectAccessible(page);
  // The check above fetched the page again (for the HTML checker), which gave the provider's form a new
  // anti-forgery token: reload, as a resident who came back to this tab would.
  await page.reload();
  await page.getByRole("button", { name: "Ja, afmelden" }).click();
  await expect(page).toHaveURL(/\/aanmelden\?afgemeld=1$/);
  await expect(page.getByRole("status")).toContainText("U bent afgemeld.");
  await page.goto("/mijn");
  await expect(page).toHaveURL(/\/aanmelden/);
});

test("a resident with an e-mail code is asked to log in with itsme/eID for a certificate, keeps the answers and files it", async ({ page }) => {
  const email = `eid-stap-${Date.now()}@example.com`;
  await registerResident(page, "Stijn Stapper", email);
  await fillCertificateRequest(page, "Attest van gezinssamenstelling (stap hoger)");

  const stepUp = page.getByRole("region", { name: "Meld u aan met itsme of eID" });
  await expect(stepUp).toBeVisible();
  await expect(page.getByRole("button", { name: "Verstuur uw aanvraag" })).toBeHidden();
  await expectAccessible(page);

  await stepUp.getByRole("link", { name: "Aanmelden met itsme of eID" }).click();
  await logInAtProvider(page, fakeLogin("stap"));

  // Back on the review page, as the same resident, with what they typed.
  await expect(page).toHaveURL(/\/aanvragen\/attest-of-kopie\/controleren$/);
  await expect(page.getByRole("main")).toContainText("Attest van gezinssamenstelling (stap hoger)");
  await expect(page.getByRole("main")).toContainText("Voor mijn werkgever.");
  await expect(page.getByRole("region", { name: "Meld u aan met itsme of eID" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Verstuur uw aanvraag" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw aanvraag is verstuurd");
  const reference = (await page.locator(".reference").innerText()).trim();
  expect(reference).toMatch(/^MEC-\d{4}-\d{6}$/);
  await page.goto("/mijn/dossiers");
  await expect(page.getByRole("row", { name: new RegExp(reference) })).toBeVisible();
  await expect(page.getByRole("region", { name: "Nog niet verstuurd" })).toHaveCount(0);
});

test("a resident with an e-mail code cannot file a certificate request by posting the form directly", async ({ page, baseURL }) => {
  const email = `eid-direct-${Date.now()}@example.com`;
  await registerResident(page, "Dirk Direct", email);
  await fillCertificateRequest(page, "Uittreksel uit het strafregister (direct)");
  await expect(page.getByRole("region", { name: "Meld u aan met itsme of eID" })).toBeVisible();

  // Exactly what the hidden submit form would send, with the browser's cookies and the Origin a browser adds.
  const form = page.locator("form", { has: page.locator('input[name="idempotencyKey"]') });
  const fields = await form.evaluate((f) => Object.fromEntries([...new FormData(f as HTMLFormElement).entries()].map(([k, v]) => [k, String(v)])));
  expect(Object.keys(fields)).toContain("idempotencyKey");
  const action = (await form.getAttribute("action")) ?? "/aanvragen/attest-of-kopie/controleren";
  const res = await page.request.post(new URL(action, page.url()).href, { form: fields, headers: { Origin: new URL(baseURL!).origin }, maxRedirects: 0 });
  expect(res.status()).toBe(401);
  expect(await res.text()).toContain("Voor deze aanvraag moet u aangemeld zijn met itsme of eID");

  // Nothing was filed; the answers wait as a draft.
  await page.goto("/mijn/dossiers");
  await expect(page.getByRole("main")).not.toContainText("MEC-");
  await expect(page.getByRole("region", { name: "Nog niet verstuurd" }).getByRole("link", { name: /attest/i })).toBeVisible();
  await expectAccessible(page);
});

test("without staff single sign-on configured, staff log in with their password only", async ({ page }) => {
  await page.goto("/medewerkers/aanmelden");
  await expect(page.getByLabel("Wachtwoord")).toBeVisible();
  await expect(page.getByRole("link", { name: "Aanmelden met het stadsaccount" })).toHaveCount(0);
});
