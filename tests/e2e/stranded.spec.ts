import { expect, test } from "@playwright/test";
import { DEMO_STAFF } from "../../seeds/demo-accounts";
import { expectAccessible, fillRequiredFields, registerResident, staffLogin } from "./support";

/** Issue 15.1: the front office and team leads find the requests nobody is handling. */
test("no request stranded: the front office and a team lead open Zonder behandelaar from the workplace", async ({ page }) => {
  for (const email of ["frontoffice.2@example.com", "teamlead@example.com"]) {
    await staffLogin(page, email);
    await page.getByRole("link", { name: "Zonder behandelaar" }).click();
    await expect(page).toHaveURL(/\/werk\/zonder-behandelaar$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Zonder behandelaar");
    await expectAccessible(page);
    await page.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("button", { name: "Afmelden" }).click();
    await expect(page).toHaveURL(/\/medewerkers\/aanmelden/);
  }
});

/**
 * Issue 15.1: a resident files a request for every online service through its real form; each
 * lands in the queue of a team with a demo back-office member, who claims it there. A service
 * that needs itsme/eID asks for it on the check page; there the front office files it for the
 * resident at the counter (identity checked), with the same form.
 */
test.describe("every online service", () => {
  // Without JavaScript, as the forms must work anyway: each click is one whole page, so the
  // generic filling never races a page that is still changing.
  test.use({ javaScriptEnabled: false, actionTimeout: 30_000 });

  test("every online service reaches a queue where a member of the receiving team claims the request", async ({ page, browser }) => {
    test.setTimeout(10 * 60_000); // eleven forms and eight staff logins, each page checked, on a shared 2-core machine
    const noJs = { javaScriptEnabled: false };
    const email = `elf-diensten-${Date.now()}@example.com`;
    await registerResident(page, "Elf Diensten", email);
    await page.goto("/aanvragen");
    await expectAccessible(page, noJs);
    const services = await page
      .getByRole("main")
      .locator('a[href^="/aanvragen/"]')
      .evaluateAll((links) => links.map((a) => ({ slug: a.getAttribute("href")!.split("/")[2], title: (a.textContent ?? "").trim() })));
    expect(services).toHaveLength(11);

    const filed: { reference: string; title: string }[] = [];
    const atTheCounter: typeof services = [];
    for (const service of services) {
      await page.goto(`/aanvragen/${service.slug}`);
      await expectAccessible(page, noJs);
      for (let step = 0; step < 5 && !/\/controleren$/.test(new URL(page.url()).pathname); step++) {
        const form = page
          .getByRole("main")
          .locator("form")
          .filter({ has: page.getByRole("button", { name: /^(Volgende stap|Controleer uw antwoorden)$/ }) });
        await fillRequiredFields(form);
        await form.getByRole("button", { name: /^(Volgende stap|Controleer uw antwoorden)$/ }).click();
        await expect(page.getByRole("alert"), `${service.slug}: the form takes the generic answers`).toHaveCount(0);
      }
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Controleer uw antwoorden");
      if (await page.getByRole("heading", { name: "Meld u aan met itsme of eID" }).count()) {
        await expect(page.getByRole("button", { name: "Verstuur uw aanvraag" })).toBeHidden();
        atTheCounter.push(service);
        continue;
      }
      await page.getByRole("button", { name: "Verstuur uw aanvraag" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uw aanvraag is verstuurd");
      filed.push({ reference: (await page.locator(".reference").innerText()).trim(), title: service.title });
    }

    const staffContext = await browser.newContext({ javaScriptEnabled: false });
    const staff = await staffContext.newPage();
    if (atTheCounter.length) {
      await staffLogin(staff, "frontoffice@example.com");
      await staff.goto(`/werk/bewoners?q=${encodeURIComponent(email)}`);
      await staff.getByRole("link", { name: "Elf Diensten" }).first().click();
      const residentUrl = new URL(staff.url()).pathname;
      for (const service of atTheCounter) {
        await staff.goto(`${residentUrl}/aanvraag/${service.slug}`);
        const form = staff
          .getByRole("main")
          .locator("form")
          .filter({ has: staff.getByRole("button", { name: "Aanvraag indienen" }) });
        await fillRequiredFields(form);
        await form.getByLabel("Identiteit gecontroleerd aan het loket").check();
        await form.getByRole("button", { name: "Aanvraag indienen" }).click();
        await expect(staff.getByRole("heading", { level: 1 })).toHaveText("De aanvraag is ingediend");
        filed.push({ reference: new URL(staff.url()).pathname.split("/").pop()!, title: service.title });
      }
      await staffContext.clearCookies();
    }
    expect(filed).toHaveLength(11);

    // Every back-office member of the demo data opens their team's queue; whoever's team got a request claims it there.
    const waiting = new Map(filed.map((f) => [f.reference, f.title]));
    for (const member of DEMO_STAFF.filter((s) => s.roles.includes("backoffice"))) {
      await staffLogin(staff, member.email);
      await staff.goto("/werk/dossiers");
      const serviceOptions = await staff
        .locator("#f-service option")
        .evaluateAll((options) => options.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? "" })));
      for (const [reference, title] of [...waiting]) {
        // The option reads "<service> (<open cases of the team>)": only services with cases here.
        const option = serviceOptions.find((o) => o.value && o.text.startsWith(`${title} (`) && !o.text.endsWith(" (0)"));
        if (!option) continue;
        await staff.getByLabel("Dienst", { exact: true }).selectOption(option.value);
        await staff.getByLabel("Behandelaar", { exact: true }).selectOption("none");
        await staff.getByRole("button", { name: "Toon dossiers" }).click();
        const claim = staff.getByRole("button", { name: `Neem dossier ${reference}` });
        if (!(await claim.count())) continue;
        await expectAccessible(staff, noJs);
        await claim.click();
        await expect(staff.getByRole("status").filter({ hasText: `Dossier ${reference} staat nu op uw naam.` })).toBeVisible();
        waiting.delete(reference);
      }
      await staffContext.clearCookies();
    }
    expect([...waiting.keys()], "requests nobody could claim").toEqual([]);
    await staffContext.close();
  });
});
