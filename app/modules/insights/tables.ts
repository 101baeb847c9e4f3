import type { Cell } from "./suppress";

/** Case channels in the order the dashboard shows them (shared with the browser bundle). */
export const CASE_CHANNEL_ORDER = ["web", "counter", "phone", "email"] as const;

/**
 * A figure set as rows and named columns: rendered as a chart, as the "show as table"
 * alternative, and as CSV/JSON, from the same data. Column keys are the CSV headers
 * (documented in docs/insights.md and docs/open-data.md).
 */
export type DataTable = { id: string; columns: string[]; rows: Record<string, Cell>[] };

function csvCell(v: Cell | undefined) {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV (comma, CRLF, UTF-8), with a header row. */
export function toCsv(table: DataTable): string {
  const lines = [table.columns.join(",")];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** Rounds to `digits` decimals, keeping null. */
export const round = (v: number | string | null | undefined, digits = 1): number | null => {
  if (v === null || v === undefined) return null;
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
