import type { LoaderFunctionArgs } from "@remix-run/node";
import { isSupportedLanguage } from "~/i18n/config";
import { resources } from "~/i18n/resources";

/** Translations for the browser's i18next instance (server rendering uses them directly). */
export function loader({ params }: LoaderFunctionArgs) {
  const lng = params.lng;
  const ns = params.ns ?? "";
  const bundle = isSupportedLanguage(lng) ? (resources[lng] as Record<string, unknown>) : undefined;
  if (!bundle || !Object.hasOwn(bundle, ns)) throw new Response("Not found", { status: 404 });
  return new Response(JSON.stringify(bundle[ns]), {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}
