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

export type BarItem = {
  label: string;
  value: number | null;
  marker?: number | null;
  whisker?: number | null;
  /** Printed after the bar instead of the bare value, e.g. "23,7 d · p90 41 · norm 30". */
  text?: string;
};

/**
 * Horizontal bars, each with its label above it and its value printed beside it (or a
 * longer text below it); an optional marker (e.g. a norm) is a dashed line with its own
 * <title>, and an optional whisker a thin line (e.g. to the 90th percentile). The label
 * sits above the bar so the chart stays narrow enough to read on a phone.
 */
export function BarChart({ title, desc, items, unit = "", markerLabel }: { title: string; desc: string; items: BarItem[]; unit?: string; markerLabel?: string }) {
  const { i18n } = useTranslation();
  const id = useId();
  const left = 4;
  const plotW = 250;
  const width = 380;
  const rowH = (item: BarItem) => (item.text ? 62 : 44);
  const tops = items.reduce<number[]>((acc, item, i) => [...acc, i === 0 ? 4 : acc[i - 1] + rowH(items[i - 1])], []);
  const height = items.length ? tops[tops.length - 1] + rowH(items[items.length - 1]) + 4 : 8;
  const max = Math.max(1, ...items.flatMap((i) => [i.value ?? 0, i.marker ?? 0, i.whisker ?? 0]));
  const x = (v: number) => left + (v / max) * plotW;
  return (
    <svg className="chart" role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {items.map((item, i) => {
        const y = tops[i];
        const barY = y + 20;
        const value = item.value === null ? "–" : `${fmt(item.value, i18n.language)}${unit}`;
        const end = Math.max(x(item.value ?? 0), item.marker != null ? x(item.marker) : 0, item.whisker != null ? x(item.whisker) : 0);
        return (
          <g key={`${item.label}-${i}`}>
            <text x={left} y={y + 14} className="chart-label">
              {item.label.length > 44 ? `${item.label.slice(0, 43)}…` : item.label}
              {item.label.length > 44 ? <title>{item.label}</title> : null}
            </text>
            {item.value !== null ? <rect x={left} y={barY} width={Math.max(1, x(item.value) - left)} height={16} className="chart-bar" /> : null}
            {item.whisker != null ? <line x1={left} x2={x(item.whisker)} y1={barY + 8} y2={barY + 8} className="chart-whisker" /> : null}
            {item.marker != null ? (
              <g>
                <line x1={x(item.marker)} x2={x(item.marker)} y1={barY - 3} y2={barY + 19} className="chart-marker" />
                <title>{`${markerLabel ?? ""} ${fmt(item.marker, i18n.language)}${unit}`}</title>
              </g>
            ) : null}
            {item.text ? (
              <>
                <text x={end + 6} y={barY + 13} className="chart-value">
                  {value}
                </text>
                <text x={left} y={barY + 34} className="chart-note">
                  {item.text}
                </text>
              </>
            ) : (
              <text x={end + 6} y={barY + 13} className="chart-value">
                {item.marker != null && markerLabel ? `${value} (${markerLabel} ${fmt(item.marker, i18n.language)})` : value}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** Fills told apart by pattern, not only by colour (WCAG 1.4.1). */
const PATTERNS = ["solid", "stripes", "dots", "cross"] as const;

function PatternDefs({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-stripes`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="pat-bg" />
        <rect width="3" height="6" className="pat-fg" />
      </pattern>
      <pattern id={`${id}-dots`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="pat-bg" />
        <circle cx="3" cy="3" r="1.6" className="pat-fg" />
      </pattern>
      <pattern id={`${id}-cross`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="pat-bg" />
        <path d="M0 0L6 6M6 0L0 6" className="pat-line" />
      </pattern>
    </defs>
  );
}

/**
 * Stacked horizontal bars (e.g. cases per week split by channel): each part has its own
 * pattern, a legend names the patterns, and the total is printed beside each bar.
 */
export function StackedBarChart({
  title,
  desc,
  series,
  items,
}: {
  title: string;
  desc: string;
  series: { key: string; label: string }[];
  items: { label: string; values: Record<string, number> }[];
}) {
  const { i18n } = useTranslation();
  const id = useId().replace(/:/g, "");
  const left = 4;
  const plotW = 250;
  const width = 380;
  const legendH = 24 * Math.ceil(series.length / 2) + 4;
  const rowH = 44;
  const height = legendH + items.length * rowH + 4;
  const total = (v: Record<string, number>) => series.reduce((n, s) => n + (v[s.key] ?? 0), 0);
  const max = Math.max(1, ...items.map((i) => total(i.values)));
  const fill = (i: number) => (PATTERNS[i % PATTERNS.length] === "solid" ? undefined : `url(#${id}-${PATTERNS[i % PATTERNS.length]})`);
  return (
    <svg className="chart" role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      <PatternDefs id={id} />
      {series.map((s, i) => (
        <g key={s.key}>
          <rect x={left + (i % 2) * 170} y={4 + Math.floor(i / 2) * 24} width={18} height={16} className="chart-bar chart-part" fill={fill(i)} />
          <text x={left + (i % 2) * 170 + 24} y={17 + Math.floor(i / 2) * 24} className="chart-value">
            {s.label}
          </text>
        </g>
      ))}
      {items.map((item, r) => {
        const y = legendH + r * rowH;
        let x = left;
        return (
          <g key={`${item.label}-${r}`}>
            <text x={left} y={y + 14} className="chart-label">
              {item.label}
            </text>
            {series.map((s, i) => {
              const w = ((item.values[s.key] ?? 0) / max) * plotW;
              const part = (
                <rect key={s.key} x={x} y={y + 20} width={w} height={16} className="chart-bar chart-part" fill={fill(i)}>
                  <title>{`${s.label}: ${fmt(item.values[s.key] ?? 0, i18n.language)}`}</title>
                </rect>
              );
              x += w;
              return part;
            })}
            <text x={x + 6} y={y + 33} className="chart-value">
              {fmt(total(item.values), i18n.language)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A grid of cells shaded by value, each with its number printed in it: shade is a help, the number is the figure. */
export function HeatMap({
  title,
  desc,
  rows,
  cols,
  value,
}: {
  title: string;
  desc: string;
  rows: string[];
  cols: { key: string; label: string }[];
  value: (row: string, col: string) => number | null;
}) {
  const { i18n } = useTranslation();
  const id = useId();
  const cellW = 40;
  const cellH = 30;
  const labelW = 190;
  const width = labelW + cols.length * cellW + 4;
  const height = 24 + rows.length * cellH + 4;
  const all = rows.flatMap((r) => cols.map((c) => value(r, c.key))).filter((v): v is number => v !== null);
  // Shades spread from the smallest to the largest value shown, so differences stay visible.
  const max = Math.max(...all, 0);
  const min = Math.min(...all, max);
  const levelOf = (v: number) => (max === min ? 2 : Math.min(4, Math.floor(((v - min) / (max - min)) * 4.999)));
  return (
    // Drawn at its natural size (numbers stay legible); a wide grid scrolls sideways.
    <div className="chart-scroll" tabIndex={0} role="region" aria-label={title}>
      <svg className="heatmap" role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
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
              const level = v === null ? 0 : levelOf(v);
              return [
                <rect key={`r${c}`} x={labelW + j * cellW} y={24 + i * cellH} width={cellW - 2} height={cellH - 2} className={v === null ? "heat-empty" : `heat-${level}`} />,
                v === null ? null : (
                  <text
                    key={`t${c}`}
                    x={labelW + j * cellW + cellW / 2 - 1}
                    y={24 + i * cellH + cellH / 2 + 4}
                    textAnchor="middle"
                    className={level >= 3 ? "heat-text-light" : "heat-text"}
                  >
                    {fmt(Math.round(v), i18n.language)}
                  </text>
                ),
              ];
            })}
          </g>
        ))}
      </svg>
    </div>
  );
}

/** The real table behind a chart, in a <details> so it does not crowd the page. */
export function DataTableView({ table, caption, label, open = false }: { table: DataTable; caption: string; label: (column: string) => string; open?: boolean }) {
  const { t, i18n } = useTranslation("insights");
  const columns = table.columns.filter((c) => c !== "suppressed" && c !== "slug");
  return (
    <details className="chart-table" open={open || undefined}>
      <summary>{t("showAsTable")}</summary>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
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
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
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
