import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Cell } from "~/modules/insights/suppress";
import type { DataTable } from "~/modules/insights/tables";

/**
 * Server-rendered SVG charts without a chart library. Every chart has a <title> and <desc>
 * (role="img"), prints its numbers as text (never colour alone), and comes with a real
 * table behind "show as table" and, when given, a CSV download.
 */

const fmt = (v: Cell, lng: string) =>
  v === null || v === undefined ? "–" : typeof v === "number" ? v.toLocaleString(lng === "en" ? "en-GB" : `${lng}-BE`) : typeof v === "boolean" ? (v ? "✓" : "") : v;

export type BarItem = { label: string; value: number | null; marker?: number | null; whisker?: number | null };

/** Horizontal bars with the value printed beside each bar; an optional marker (e.g. a norm) as a dashed line with its own text. */
export function BarChart({ title, desc, items, unit = "", markerLabel }: { title: string; desc: string; items: BarItem[]; unit?: string; markerLabel?: string }) {
  const { i18n } = useTranslation();
  const id = useId();
  const rowH = 28;
  const labelW = 230;
  const plotW = 300;
  const width = labelW + plotW + 110;
  const height = Math.max(items.length, 1) * rowH + 8;
  const max = Math.max(1, ...items.flatMap((i) => [i.value ?? 0, i.marker ?? 0, i.whisker ?? 0]));
  const x = (v: number) => labelW + (v / max) * plotW;
  const clip = (s: string) => (s.length > 30 ? `${s.slice(0, 29)}…` : s);
  return (
    <svg className="chart" role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {items.map((item, i) => {
        const y = i * rowH + 4;
        const text = item.value === null ? "–" : `${fmt(item.value, i18n.language)}${unit}`;
        return (
          <g key={`${item.label}-${i}`}>
            <text x={labelW - 8} y={y + rowH / 2 + 5} textAnchor="end" className="chart-label">
              {clip(item.label)}
            </text>
            {item.value !== null ? <rect x={labelW} y={y + 4} width={Math.max(1, x(item.value) - labelW)} height={rowH - 10} className="chart-bar" /> : null}
            {item.whisker != null ? <line x1={labelW} x2={x(item.whisker)} y1={y + rowH / 2} y2={y + rowH / 2} className="chart-whisker" /> : null}
            {item.marker != null ? (
              <g>
                <line x1={x(item.marker)} x2={x(item.marker)} y1={y + 1} y2={y + rowH - 3} className="chart-marker" />
                <title>{`${markerLabel ?? ""} ${fmt(item.marker, i18n.language)}${unit}`}</title>
              </g>
            ) : null}
            <text x={Math.max(x(item.value ?? 0), item.marker != null ? x(item.marker) : 0, item.whisker != null ? x(item.whisker) : 0) + 6} y={y + rowH / 2 + 5} className="chart-value">
              {text}
              {item.marker != null && markerLabel ? ` (${markerLabel} ${fmt(item.marker, i18n.language)})` : ""}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A grid of cells shaded by value, each with its number printed in it: shade is a help, the number is the figure. */
export function HeatMap({ title, desc, rows, cols, value }: { title: string; desc: string; rows: string[]; cols: { key: string; label: string }[]; value: (row: string, col: string) => number | null }) {
  const { i18n } = useTranslation();
  const id = useId();
  const cellW = 46;
  const cellH = 30;
  const labelW = 190;
  const width = labelW + cols.length * cellW + 4;
  const height = 24 + rows.length * cellH + 4;
  const all = rows.flatMap((r) => cols.map((c) => value(r, c.key))).filter((v): v is number => v !== null);
  const max = Math.max(1, ...all);
  return (
    <svg className="chart" role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {cols.map((c, j) => (
        <text key={c.key} x={labelW + j * cellW + cellW / 2} y={16} textAnchor="middle" className="chart-label">
          {c.label}
        </text>
      ))}
      {rows.map((r, i) => (
        <g key={r}>
          <text x={labelW - 8} y={24 + i * cellH + cellH / 2 + 5} textAnchor="end" className="chart-label">
            {r.length > 24 ? `${r.slice(0, 23)}…` : r}
          </text>
          {cols.map(({ key: c }, j) => {
            const v = value(r, c);
            const level = v === null ? 0 : Math.min(4, Math.floor((v / max) * 4.999));
            return [
              <rect key={`r${c}`} x={labelW + j * cellW} y={24 + i * cellH} width={cellW - 2} height={cellH - 2} className={v === null ? "heat-empty" : `heat-${level}`} />,
              v === null ? null : (
                <text key={`t${c}`} x={labelW + j * cellW + cellW / 2 - 1} y={24 + i * cellH + cellH / 2 + 4} textAnchor="middle" className={level >= 3 ? "heat-text-light" : "heat-text"}>
                  {fmt(Math.round(v), i18n.language)}
                </text>
              ),
            ];
          })}
        </g>
      ))}
    </svg>
  );
}

/** The real table behind a chart, in a <details> so it does not crowd the page. */
export function DataTableView({ table, caption, label, open = false }: { table: DataTable; caption: string; label: (column: string) => string; open?: boolean }) {
  const { t, i18n } = useTranslation("insights");
  const columns = table.columns.filter((c) => c !== "suppressed" && c !== "slug");
  return (
    <details className="chart-table" open={open || undefined}>
      <summary>{t("showAsTable")}</summary>
      <div className="table-scroll">
        <table className="case-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {label(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{t("noData")}</td>
              </tr>
            ) : (
              table.rows.map((row, i) => (
                <tr key={i}>
                  {columns.map((c, j) =>
                    j === 0 ? (
                      <th key={c} scope="row">
                        {fmt(row[c], i18n.language)}
                      </th>
                    ) : (
                      <td key={c}>{row.suppressed === true && row[c] === null ? t("lessThan5") : fmt(row[c], i18n.language)}</td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** The table behind a heat map: the same grid as the chart (rows × columns), in a <details>. */
export function PivotTableView({
  caption,
  rowHeader,
  rows,
  cols,
  value,
}: {
  caption: string;
  rowHeader: string;
  rows: string[];
  cols: { key: string; label: string }[];
  value: (row: string, col: string) => Cell;
}) {
  const { t, i18n } = useTranslation("insights");
  return (
    <details className="chart-table">
      <summary>{t("showAsTable")}</summary>
      <div className="table-scroll">
        <table className="pivot-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {cols.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r}>
                <th scope="row">{r}</th>
                {cols.map((c) => (
                  <td key={c.key}>{fmt(value(r, c.key), i18n.language)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
