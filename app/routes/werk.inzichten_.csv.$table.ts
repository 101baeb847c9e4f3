import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardRequest } from "~/modules/insights/access.server";
import { DASHBOARD_TABLES, isDashboardTable } from "~/modules/insights/dashboard.server";
import { toCsv } from "~/modules/insights/tables";

/** CSV download of one dashboard figure set, for the same filters as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const req = await dashboardRequest(request);
  const id = params.table ?? "";
  if (!isDashboardTable(id)) throw new Response("Not Found", { status: 404 });
  if (!req.ok) return new Response("Invalid period or team\n", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const table = await DASHBOARD_TABLES[id](req.period);
  return new Response(toCsv(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${id}-${req.period.from}-${req.period.to}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
