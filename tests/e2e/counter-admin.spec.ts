import { expect, test } from "@playwright/test";
import { expectAccessible, residentLogin, staffLogin } from "./support";

test("an admin adds a themed counter and its schedule; residents can book it, without a demo label", async ({ browser, page }) => {
  await staffLogin(page, "beheer@example.com");
  await page.getByRole("link", { name: "Loketten beheren" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Loketten beheren");
  await expectAccessible(page);

  // A first try without the English name: the error is shown and what was typed stays.
  const addForm = page.locator("form", { has: page.getByRole("button", { name: "Themaloket toevoegen" }) });
  await addForm.getByLabel("Naam in het Nederlands").fill("Ondernemen");
  await addForm.getByLabel("Naam in het Frans").fill("Entreprendre");
  await addForm.getByLabel("Letter").fill("O");
  await addForm.getByLabel("Huis").check();
  await addForm.getByRole("button", { name: "Themaloket toevoegen" }).click();
  await expect(page.getByRole("alert")).toContainText("Vul de naam in het Engels in.");
  await expect(addForm.getByLabel("Naam in het Nederlands")).toHaveValue("Ondernemen");
  await expectAccessible(page);
  await addForm.getByLabel("Naam in het Engels").fill("Business");
  await addForm.getByRole("button", { name: "Themaloket toevoegen" }).click();
  await expect(page.getByRole("status")).toContainText("Het themaloket is bewaard.");
  await expect(page.getByRole("row", { name: /Ondernemen/ })).toContainText("Actief");

  // Its schedule: Monday and Thursday mornings. An end before the start is refused first.
  await page.getByRole("link", { name: "Afsprakenagenda: Ondernemen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Afsprakenagenda: Ondernemen");
  await expectAccessible(page);
  await page.getByLabel("Weekdag, rij 1").selectOption({ label: "maandag" });
  await page.getByLabel("Van (UU:MM), rij 1").fill("09:00");
  await page.getByLabel("Tot (UU:MM), rij 1").fill("08:00");
  await page.getByLabel("Minuten per afspraak, rij 1").fill("30");
  await page.getByLabel("Bewoners per tijdslot, rij 1").fill("2");
  await page.getByLabel("Weekdag, rij 2").selectOption({ label: "donderdag" });
  await page.getByLabel("Van (UU:MM), rij 2").fill("09:00");
  await page.getByLabel("Tot (UU:MM), rij 2").fill("11:00");
  await page.getByLabel("Minuten per afspraak, rij 2").fill("30");
  await page.getByLabel("Bewoners per tijdslot, rij 2").fill("2");
  await page.getByRole("button", { name: "Agenda bewaren" }).click();
  await expect(page.getByRole("alert")).toContainText("Rij 1: Het einduur moet later zijn dan het beginuur.");
  await expect(page.getByLabel("Van (UU:MM), rij 2")).toHaveValue("09:00");
  await expectAccessible(page);
  await page.getByLabel("Tot (UU:MM), rij 1").fill("12:00");
  await page.getByRole("button", { name: "Agenda bewaren" }).click();
  await expect(page.getByRole("status")).toContainText("De afsprakenagenda is bewaard.");
  await expect(page.getByLabel("Tot (UU:MM), rij 1")).toHaveValue("12:00");
  await expectAccessible(page);

  // The theme's own page, with the choice to deactivate it.
  await page.getByRole("link", { name: "Terug naar loketten beheren" }).click();
  await page.getByRole("link", { name: "Wijzigen: Ondernemen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Themaloket wijzigen: Ondernemen");
  await expect(page.getByLabel("Naam in het Frans")).toHaveValue("Entreprendre");
  await expect(page.getByRole("radio", { name: "Huis" })).toBeChecked();
  await expect(page.getByRole("button", { name: "Niet meer tonen (deactiveren)" })).toBeVisible();
  await expectAccessible(page);

  // A resident sees the new theme's slots, not called a demo, and books one.
  const residentContext = await browser.newContext({ locale: "nl-BE" });
  const resident = await residentContext.newPage();
  await residentLogin(resident, "an.peeters@example.com");
  await resident.goto("/afspraak");
  await resident.getByRole("link", { name: "Ondernemen" }).click();
  await expect(resident.getByRole("heading", { name: /Ondernemen/ })).toBeVisible();
  await expect(resident.getByText("Het zijn niet de echte openingsuren van de stad.")).toHaveCount(0);
  await expect(resident.getByRole("radio").first()).toBeVisible();
  await expectAccessible(resident);
  await resident.getByRole("radio").first().check();
  await resident.getByRole("button", { name: "Afspraak vastleggen" }).click();
  await expect(resident.getByRole("status")).toContainText("Uw afspraak is vastgelegd.");
  await residentContext.close();
});
