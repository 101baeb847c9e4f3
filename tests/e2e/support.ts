import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Phone widths every checked page must fit without sideways scrolling (WCAG 1.4.10 Reflow: 320 CSS px). */
export const REFLOW_WIDTHS = [320, 375];

/**
 * Fails the journey when axe finds any WCAG 2.1 A/AA violation on the page as it is now.
 * axe needs JavaScript: for a journey without it, the exact HTML the visitor got is
 * replayed in a scripting page (stylesheets still come from the server) and checked there.
 */
export async function expectAccessible(page: Page, opts: { javaScriptEnabled?: boolean } = {}) {
  await collectSource(page);
  let target = page;
  const jsOff = opts.javaScriptEnabled === false;
  if (jsOff) {
    const html = await page.content();
    const browser = page.context().browser()!;
    const context = await browser.newContext({ javaScriptEnabled: true, baseURL: undefined });
    target = await context.newPage();
    const url = page.url();
    await target.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }));
    await target.goto(url);
  }
  try {
    await expectReflow(target);
    const results = await new AxeBuilder({ page: target }).withTags(WCAG_TAGS).analyze();
    const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  } finally {
    if (jsOff) await target.context().close();
  }
}

/**
 * Fails when the page as it is now scrolls sideways at 320 or 375 px wide
 * (`scrollWidth > clientWidth`), naming the innermost elements that stick out. The viewport
 * is put back afterwards. expectAccessible runs it, so every page a journey checks is covered.
 */
export async function expectReflow(page: Page) {
  const original = page.viewportSize();
  const problems: string[] = [];
  try {
    for (const width of REFLOW_WIDTHS) {
      await page.setViewportSize({ width, height: original?.height ?? 800 });
      const found = await page.evaluate<string | null>(OVERFLOW_AT_THIS_WIDTH);
      if (found) problems.push(`${width} px: ${found}`);
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
  expect(problems, `sideways scrolling on ${page.url()}`).toEqual([]);
}

/**
 * In the page (a string, so no bundler helper leaks into it): null when it fits, else the
 * widths and the innermost elements past the right edge.
 */
export const OVERFLOW_AT_THIS_WIDTH = `(() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const edge = root.clientWidth + 0.5;
  function sticksOut(el) {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > edge;
  }
  function name(el) {
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + cls;
  }
  const culprits = Array.from(document.body.querySelectorAll("*")).filter((el) => sticksOut(el) && !Array.from(el.children).some(sticksOut));
  return "scrollWidth " + root.scrollWidth + " > clientWidth " + root.clientWidth + "; sticking out: " + (culprits.slice(0, 6).map(name).join(", ") || "(none found)");
})()`;

/**
 * Keeps the HTML source of the page the journey is on (not the DOM: the bytes the server
 * sends, fetched again with the page's cookies) in HTML_SOURCES_DIR, which `npm test` runs
 * through the W3C Nu HTML Checker once all journeys are done (scripts/test.ts).
 */
export async function collectSource(page: Page) {
  const dir = process.env.HTML_SOURCES_DIR;
  const url = page.url();
  if (!dir || !/^https?:/.test(url)) return;
  const res = await page.context().request.get(url, { headers: { Accept: "text/html" }, maxRedirects: 0 });
  if (res.status() !== 200 || !(res.headers()["content-type"] ?? "").includes("text/html")) return;
  const html = await res.text();
  const name = `${new URL(url).pathname.replace(/[^a-z0-9]+/gi, "-").slice(0, 60)}-${createHash("sha1").update(html).digest("hex").slice(0, 10)}.html`;
  writeFileSync(path.join(dir, name), html);
}

/** Reads the newest login code sent to `email` from the development mailbox. */
export async function codeFromMailbox(page: Page, email: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    await page.goto("/dev/mailbox");
    const mail = page.locator("article.mail", { has: page.getByTestId("mail-to").getByText(email, { exact: true }) }).first();
    if (await mail.count()) {
      const text = await mail.locator("pre").innerText();
      const code = text.match(/\b(\d{6})\b/)?.[1];
      if (code) return code;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no code for ${email} in the mailbox`);
}

export const DEMO_PASSWORD = "Mechelen-demo-2026";

export async function staffLogin(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/medewerkers/aanmelden");
  await page.getByLabel("E-mailadres van het werk").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/werk$/);
}

/**
 * On "Mijn loket" (/werk/loket), before a desk is open: chooses the desk and the theme, opens
 * the desk and waits for its page. Each journey gets to "Mijn loket" its own way.
 */
export async function openDesk(page: Page, desk: string, theme: string) {
  await page.getByLabel(desk).check();
  await page.getByLabel(theme).check();
  await page.getByRole("button", { name: "Loket openen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Mijn loket: ${desk}`);
}

/** Registers a new resident and logs them in with the code from the development mailbox. */
/** The waiting-room screen, opened in its own browser as on the TV, shows `ticket` called to `desk`. */
export async function expectCallOnWaitingScreen(browser: Browser, ticket: string, desk: string) {
  const context = await browser.newContext({ locale: "nl-BE" });
  const screen = await context.newPage();
  await screen.goto("/wachtzaal");
  await expect(screen.locator(".board-now")).toContainText(ticket);
  await expect(screen.locator(".board-now")).toContainText(desk);
  await expectAccessible(screen);
  await context.close();
}

export async function registerResident(page: Page, name: string, email: string) {
  await page.goto("/registreren");
  await page.getByLabel("Uw naam").fill(name);
  await page.getByLabel("Uw e-mailadres").fill(email);
  await page.getByRole("button", { name: "Account maken" }).click();
  await enterCode(page, email);
}

async function enterCode(page: Page, email: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vul uw code in");
  const code = await codeFromMailbox(page, email);
  await page.goto("/aanmelden/code");
  await page.getByLabel("Code van 6 cijfers").fill(code);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/mijn$/);
}

/** Logs a resident in with a one-time code read from the development mailbox. */
export async function residentLogin(page: Page, email: string) {
  await page.goto("/aanmelden");
  await page.getByLabel("Uw e-mailadres").fill(email);
  await page.getByRole("button", { name: "Stuur mij een code" }).click();
  await enterCode(page, email);
}

/**
 * Fills every required field of the request form in `form` from what the page says about it:
 * a field whose label (or group legend) says "(niet verplicht)" stays empty; text gets text
 * that fits its kind (e-mail, phone, date in the future, number), a choice its first option,
 * an address a street in Mechelen, a consent box its tick. Fields of the page itself (names
 * starting with "_", e.g. the intake channel) are left to the journey.
 */
export async function fillRequiredFields(form: Locator) {
  const done = new Set<string>();
  const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  for (const control of await form.locator("input:not([type=hidden]):not([type=file]):not([type=submit]), textarea, select").all()) {
    const f = await control.evaluate((el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) => ({
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute("type") ?? "",
      name: el.name,
      inputMode: el.getAttribute("inputmode") ?? "",
      label: el.labels?.[0]?.textContent ?? "",
      legend: el.closest("fieldset")?.querySelector("legend")?.textContent ?? "",
    }));
    if (!f.name || f.name.startsWith("_") || /\(niet verplicht\)/.test(f.legend || f.label) || /\(niet verplicht\)/.test(f.label)) continue;
    const group = f.name.split(".")[0];
    if (f.type === "radio" || (f.type === "checkbox" && f.legend)) {
      if (!done.has(group)) await control.check();
      done.add(group);
    } else if (f.type === "checkbox") await control.check();
    else if (f.tag === "select") await control.selectOption({ index: 1 });
    else if (f.tag === "textarea") await control.fill("Een aanvraag om na te gaan dat ze bij een team aankomt dat ze kan behandelen.");
    else if (f.type === "email") await control.fill("contact@example.com");
    else if (f.type === "tel") await control.fill("+32 470 12 34 56");
    else if (f.type === "date") await control.fill(inAMonth);
    else if (f.inputMode === "numeric") await control.fill("2");
    else if (f.name.endsWith(".street")) await control.fill("Grote Markt");
    else if (f.name.endsWith(".number")) await control.fill("21");
    else await control.fill("Test");
  }
}
