import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";
import { staffLogin } from "./support";

/**
 * Issue 12 item 7: with the Content-Security-Policy (app/server/security-headers.ts) every page
 * still hydrates and nothing is refused: Remix's inline scripts carry the response's nonce,
 * no element uses an inline style, and the kiosk's camera decoder (ZXing in WebAssembly) runs.
 */
type Watched = { page: Page; problems: string[] };

async function watched(context: BrowserContext): Promise<Watched> {
  const page = await context.newPage();
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to|Hydration|did not match/i.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return { page, problems };
}

async function visit({ page, problems }: Watched, path: string) {
  await page.goto(path);
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
  await page.waitForLoadState("networkidle");
  const violations = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  expect([...problems, ...violations], `CSP or hydration problems on ${path}`).toEqual([]);
}

test("pages hydrate under the Content-Security-Policy, and the kiosk camera decodes with it", async ({ browser }) => {
  test.setTimeout(4 * 60_000);
  const visitor = await watched(await browser.newContext());
  for (const path of ["/", "/mikipedia", "/mikipedia/zoeken?q=parkeerkaart", "/aanmelden", "/afspraak", "/dienstverlening-in-cijfers"]) await visit(visitor, path);
  // Client-side navigation after hydration still works.
  await visitor.page.goto("/");
  await visitor.page.getByRole("link", { name: "Mikipedia" }).first().click();
  await expect(visitor.page).toHaveURL(/\/mikipedia/);
  expect(visitor.problems).toEqual([]);

  const admin = await watched(await browser.newContext());
  await staffLogin(admin.page, "beheer@example.com");
  for (const path of ["/werk", "/werk/inzichten", "/werk/toegang"]) await visit(admin, path);
  await admin.page.getByRole("radio", { name: "De Zeeridder, Hoofdingang" }).check();
  await admin.page.getByLabel("Naam van de zuil").fill("Zuil e2e CSP");
  await admin.page.getByRole("button", { name: "Zuil registreren" }).click();
  const credential = (await admin.page.getByTestId("kiosk-credential").innerText()).trim();

  // A kiosk with a (fake) camera: the decoder must load and run under the kiosk's policy.
  const withCamera = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
  });
  try {
    const kioskContext = await withCamera.newContext({ baseURL: test.info().project.use.baseURL, permissions: ["camera"] });
    const kiosk = await watched(kioskContext);
    await visit(kiosk, "/kiosk");
    await kiosk.page.getByLabel("Sleutel van de zuil").fill(credential);
    await kiosk.page.getByRole("button", { name: "Zuil aanmelden" }).click();
    await expect(kiosk.page.getByLabel("Code")).toBeVisible();
    const wasm = kiosk.page.waitForResponse((r) => r.url().endsWith("/kiosk/zxing_reader.wasm"));
    await kiosk.page.getByRole("button", { name: "Camera aanzetten" }).click();
    expect((await wasm).status()).toBe(200);
    await expect(kiosk.page.getByRole("button", { name: "Camera uitzetten" })).toBeVisible();
    // The decoder looks at the fake camera's frames, or gives up and says the camera does not work.
    await kiosk.page.waitForFunction(
      () => {
        const v = document.querySelector("video");
        return Boolean(document.querySelector('[role="alert"]') || (v && v.readyState >= 2 && v.currentTime > 1));
      },
      undefined,
      { timeout: 60_000 },
    );
    await expect(kiosk.page.getByText("De camera werkt niet.")).toHaveCount(0);
    const violations = await kiosk.page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    expect([...kiosk.problems, ...violations]).toEqual([]);
  } finally {
    await withCamera.close();
  }
});
