/** A value in a CSV cell: numbers and booleans are written as they are, strings are text. */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell of RFC 4180 CSV that is safe to open in a spreadsheet. Text that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with a single quote and quoted,
 * so Excel, LibreOffice and Google Sheets show it as text instead of running it. A real
 * number (`-3` as a number) stays a number.
 */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return String(v);
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return text !== v || /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (comma, CRLF, UTF-8) with a header row; the one CSV writer of the portal. */
export function toCsvText(columns: readonly string[], rows: readonly Record<string, CsvValue>[]): string {
  const lines = [columns.map(csvCell).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}
