import { z } from "zod";
import { isPublicDataset } from "~/modules/insights/public.server";
import { DEMO_DATA_NOTE, openDataFile, OPEN_DATA_LICENSE } from "~/modules/insights/opendata.server";
import { toCsv } from "~/modules/insights/tables";
import { anyone, httpError, loaderOf } from "~/utils/kernel";

const CACHE = { "Cache-Control": "public, max-age=0, s-maxage=300", "Access-Control-Allow-Origin": "*" };

/** <dataset>.csv or <dataset>.json */
const fileParams = z.object({
  file: z
    .string()
    .max(80)
    .regex(/^[a-z-]+\.(csv|json)$/),
});

/** One open dataset at a stable URL: /api/v1/open-data/<dataset>.csv or .json. */
export const loader = loaderOf({
  guard: anyone,
  params: fileParams,
  run: async ({ params }) => {
    const [id, ext] = params.file.split(".");
    if (!isPublicDataset(id)) httpError(404);
    const { table, demoData, period } = await openDataFile(id);
    // Figures that include the demo seed's made-up history say so (never in production).
    const demo = demoData ? { demoData: true, demoNote: DEMO_DATA_NOTE } : { demoData: false };
    if (ext === "csv") {
      const headers = {
        ...CACHE,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `inline; filename="${id}.csv"`,
        ...(demoData ? { "X-Demo-Data": "true" } : {}),
      };
      return new Response(toCsv(table), { headers });
    }
    const body = { dataset: id, license: OPEN_DATA_LICENSE, period, ...demo, fields: table.columns, rows: table.rows };
    return new Response(JSON.stringify(body), { headers: { ...CACHE, "Content-Type": "application/json; charset=utf-8" } });
  },
});
