import type { LoaderFunctionArgs } from "@remix-run/node";
import { isSupportedLanguage } from "~/i18n/config";
import { resources } from "~/i18n/resources";

/** Translations for the browser's i18next instance (server rendering uses them directly). */
export function loader({ params }: LoaderFunctionArgs) {
  const lng = params.lng;
  const ns = params.ns as keyof (typeof resources)["nl"];
  if (!isSupportedLanguage(lng) || !(ns in resources[lng])) throw new Response("Not found", { status: 404 });
  return new Response(JSON.stringify(resources[lng][ns]), {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}
