import { anyone, httpError, loaderOf } from "~/utils/kernel";

/** Every address no other route takes: the neutral 404 page of the root error boundary. */
export const loader = loaderOf({ guard: anyone, run: () => httpError(404) });

export default function NotFound() {
  return null;
}
