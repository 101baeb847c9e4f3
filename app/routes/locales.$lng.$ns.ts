import type { LoaderFunctionArgs } from "@remix-run/node";
import { isSupportedLanguage, namespaces } from "~/i18n/config";
import { resources } from "~/i18n/resources";

/** Translations for the browser's i18next instance (server rendering uses them directly). */
export function loader({ params }: LoaderFunctionArgs) {
  const lng = params.lng;
  const ns = params.ns ?? "";
  const bundle = isSupportedLanguage(lng) ? (resources[lng] as Record<string, unknown>) : undefined;
  if (!bundle || !(namespaces as readonly string[]).includes(ns)) throw new Response("Not found", { status: 404 });
  // A namespace a courtesy language does not translate (yet) is empty: i18next then falls back to Dutch.
  return new Response(JSON.stringify(Object.hasOwn(bundle, ns) ? bundle[ns] : {}), {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}
