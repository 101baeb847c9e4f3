import * as kernel from "./kernel.server";

/**
 * What route modules import the request kernel from (kernel.server.ts holds the work).
 *
 * Route modules are bundled for the browser too, where Remix replaces every `.server` module
 * with an empty one. `export const loader = loaderOf({...})` is a call at module level that the
 * bundler keeps whenever its spec holds a call (a zod schema built inline), so calling the
 * server kernel directly would throw there and break the page's scripts. These wrappers only
 * capture the spec; the server kernel is looked up on the first request, which happens on the
 * server only. The rest of the kernel (parsers, readers, errors) is used inside those
 * functions, so it is simply re-exported.
 */
export * from "./kernel.server";
export { INTENT_FIELD } from "./intent";

export const loaderOf: typeof kernel.loaderOf = (spec) => (args) => kernel.loaderOf(spec)(args);
export const actionOf: typeof kernel.actionOf = (spec) => (args) => kernel.actionOf(spec)(args);
