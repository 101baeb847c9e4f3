import { z } from "zod";
import { supportedLanguages } from "~/i18n/config";
import { resources } from "~/i18n/resources";
import { anyone, httpError, loaderOf } from "~/utils/kernel";

type Namespace = keyof (typeof resources)["nl"];

/** Translations for the browser's i18next instance (server rendering uses them directly). */
const loaderParams = z.object({ lng: z.enum(supportedLanguages), ns: z.string().max(40) });
export const loader = loaderOf({
  guard: anyone,
  params: loaderParams,
  run: ({ params }) => {
    const bundle = resources[params.lng];
    if (!Object.hasOwn(bundle, params.ns)) httpError(404);
    return new Response(JSON.stringify(bundle[params.ns as Namespace]), {
      headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
    });
  },
});
