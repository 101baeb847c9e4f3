import { redirect } from "@remix-run/node";
import { z } from "zod";
import { isSupportedLanguage } from "~/i18n/config";
import { languageCookie } from "~/utils/i18next.server";
import { actionOf, anyone, loaderOf } from "~/utils/kernel";
import { safeRedirect } from "~/utils/safe-redirect";

/** Remembers an explicit language choice and goes back to the same page. */
const actionBody = z.object({ lng: z.string().max(10).optional(), redirectTo: z.string().max(2000).optional() });
export const action = actionOf({
  guard: anyone,
  body: actionBody,
  run: async ({ body }) => {
    const lng = body.lng;
    const back = safeRedirect(body.redirectTo ?? null, "/");
    // Drop a ?lng= in the page address so the new choice wins.
    const url = new URL(back, "http://portal.invalid");
    url.searchParams.delete("lng");
    const to = `${url.pathname}${url.search}${url.hash}`;
    if (!isSupportedLanguage(lng)) return redirect(to);
    return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(lng) } });
  },
});

// The form posts here; a GET (a bookmark, a crawler) goes to the home page.
export const loader = loaderOf({ guard: anyone, run: () => redirect("/") });
