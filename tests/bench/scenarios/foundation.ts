import type { Scenario } from "../types";

/** Issue 2: the home page (as most visitors get it, and rendered fresh) and the health check. */
export const scenarios: Scenario[] = [
  { name: "home page", path: "/", target: "≥ 0.2 × baseline req/s" },
  // An unknown session cookie skips the shared page cache: every request is rendered by React.
  { name: "home page, rendered (no cache)", path: "/", headers: { Cookie: "__mechelaar_session=bench" } },
  { name: "GET /healthz", path: "/healthz" },
];
