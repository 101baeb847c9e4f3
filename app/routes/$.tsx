import { anyone, httpError, loaderOf } from "~/utils/kernel.server";

/** Every address no other route takes: the neutral 404 page of the root error boundary. */
export const loader = /* @__PURE__ */ loaderOf({ guard: anyone, run: () => httpError(404) });

export default function NotFound() {
  return null;
}
