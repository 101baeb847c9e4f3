import { pingDb } from "~/utils/db.server";

export async function loader() {
  const ok = await pingDb();
  return new Response(JSON.stringify({ status: ok ? "ok" : "degraded", db: ok ? "ok" : "down" }), {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
