import { z } from "zod";
import { namespaces, supportedLanguages } from "~/i18n/config";
import { resources } from "~/i18n/resources";
import { anyone, loaderOf } from "~/utils/kernel";

/** Translations for the browser's i18next instance (server rendering uses them directly). */
const loaderParams = z.object({ lng: z.enum(supportedLanguages), ns: z.enum(namespaces) });
export const loader = loaderOf({
  guard: anyone,
  params: loaderParams,
  run: ({ params }) => {
    const bundle = resources[params.lng] as Record<string, unknown>;
    // A namespace a courtesy language does not translate (yet) is empty: i18next then falls back to Dutch.
    return new Response(JSON.stringify(Object.hasOwn(bundle, params.ns) ? bundle[params.ns] : {}), {
      headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
    });
  },
});
