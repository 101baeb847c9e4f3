import { z } from "zod";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { dashboardRequest } from "~/modules/insights/access.server";
import { dashboardTable, isDashboardTable } from "~/modules/insights/dashboard.server";
import { toCsv } from "~/modules/insights/tables";
import { loaderOf } from "~/utils/kernel";

/** CSV download of one dashboard figure set, for the same filters as the page. */
export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "insights.view"),
  params: z.object({ table: z.string().refine(isDashboardTable) }),
  run: async ({ actor, params, request }) => {
    const id = params.table;
    const req = await dashboardRequest(actor, new URL(request.url));
    if (!req.ok) return new Response("Invalid period or team\n", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    const table = await dashboardTable(id, req.period);
    return new Response(toCsv(table), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${id}-${req.period.from}-${req.period.to}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});
