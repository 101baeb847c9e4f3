import { toCsvText } from "~/utils/csv";
import type { Cell } from "./suppress";

/** Case channels in the order the dashboard shows them (shared with the browser bundle). */
export const CASE_CHANNEL_ORDER = ["web", "counter", "phone", "email"] as const;

/**
 * A figure set as rows and named columns: rendered as a chart, as the "show as table"
 * alternative, and as CSV/JSON, from the same data. Column keys are the CSV headers
 * (documented in docs/insights.md and docs/open-data.md).
 */
export type DataTable = { id: string; columns: string[]; rows: Record<string, Cell>[] };

/** RFC 4180 CSV (comma, CRLF, UTF-8), with a header row, safe to open in a spreadsheet (app/utils/csv.ts). */
export function toCsv(table: DataTable): string {
  return toCsvText(table.columns, table.rows);
}

/** Rounds to `digits` decimals, keeping null. */
export const round = (v: number | string | null | undefined, digits = 1): number | null => {
  if (v === null || v === undefined) return null;
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
