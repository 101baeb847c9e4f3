import { z } from "zod";
import { isPublicDataset } from "~/modules/insights/public.server";
import { openDataRange, openDataset, OPEN_DATA_LICENSE } from "~/modules/insights/opendata.server";
import { toCsv } from "~/modules/insights/tables";
import { anyone, httpError, loaderOf } from "~/utils/kernel";

const CACHE = { "Cache-Control": "public, max-age=0, s-maxage=300", "Access-Control-Allow-Origin": "*" };

/** <dataset>.csv or <dataset>.json */
const fileParams = z.object({ file: z.string().max(80).regex(/^[a-z-]+\.(csv|json)$/) });

/** One open dataset at a stable URL: /api/v1/open-data/<dataset>.csv or .json. */
export const loader = loaderOf({
  guard: anyone,
  params: fileParams,
  run: async ({ params }) => {
    const [id, ext] = params.file.split(".");
    if (!isPublicDataset(id)) httpError(404);
    const table = await openDataset(id);
    if (ext === "csv") {
      return new Response(toCsv(table), { headers: { ...CACHE, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `inline; filename="${id}.csv"` } });
    }
    const body = { dataset: id, license: OPEN_DATA_LICENSE, period: openDataRange(), fields: table.columns, rows: table.rows };
    return new Response(JSON.stringify(body), { headers: { ...CACHE, "Content-Type": "application/json; charset=utf-8" } });
  },
});
