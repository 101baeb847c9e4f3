import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isSupportedLanguage } from "~/i18n/config";
import { languageCookie } from "~/utils/i18next.server";
import { safeRedirect } from "~/utils/safe-redirect";

/** Remembers an explicit language choice and goes back to the same page. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lng = form.get("lng");
  const back = safeRedirect(form.get("redirectTo"), "/");
  // Drop a ?lng= in the page address so the new choice wins.
  const url = new URL(back, "http://portal.invalid");
  url.searchParams.delete("lng");
  const to = `${url.pathname}${url.search}${url.hash}`;
  if (!isSupportedLanguage(lng)) return redirect(to);
  return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(lng) } });
}

export const loader = () => redirect("/");
