import type { LoaderFunctionArgs } from "@remix-run/node";
import { isPublicDataset } from "~/modules/insights/public.server";
import { openDataRange, openDataset, OPEN_DATA_LICENSE } from "~/modules/insights/opendata.server";
import { toCsv } from "~/modules/insights/tables";

const CACHE = { "Cache-Control": "public, max-age=0, s-maxage=300", "Access-Control-Allow-Origin": "*" };

/** One open dataset at a stable URL: /api/v1/open-data/<dataset>.csv or .json. */
export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^([a-z-]+)\.(csv|json)$/.exec(params.file ?? "");
  if (!match || !isPublicDataset(match[1])) throw new Response("Not Found", { status: 404 });
  const [, id, ext] = match;
  const table = await openDataset(id);
  if (ext === "csv") {
    return new Response(toCsv(table), { headers: { ...CACHE, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `inline; filename="${id}.csv"` } });
  }
  const body = { dataset: id, license: OPEN_DATA_LICENSE, period: openDataRange(), fields: table.columns, rows: table.rows };
  return new Response(JSON.stringify(body), { headers: { ...CACHE, "Content-Type": "application/json; charset=utf-8" } });
}
