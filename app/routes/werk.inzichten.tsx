import { data, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms";
import { BarChart, DataTableView, HeatMap, PivotTableView, StackedBarChart } from "~/components/InsightCharts";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { dashboardRequest } from "~/modules/insights/access.server";
import { loadDashboardCached } from "~/modules/insights/dashboard.server";
import { CASE_CHANNEL_ORDER, type DataTable } from "~/modules/insights/tables";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "insights");
export const handle = { i18n: ["insights"] };

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "insights.view"),
  run: async ({ actor, request }) => {
    // The period and team are the page's own form: a bad one is shown with its errors (400).
    const req = await dashboardRequest(actor, new URL(request.url));
    if (!req.ok) return data({ ...req, dashboard: null }, { status: 400 });
    return data({ ...req, errors: undefined, dashboard: await loadDashboardCached(req.period) });
  },
});

const num = (v: unknown) => (typeof v === "number" ? v : null);
const sum = (t: DataTable, col: string) => t.rows.reduce((s, r) => s + (num(r[col]) ?? 0), 0);

function Section({
  id,
  title,
  intro,
  children,
  table,
  csvQuery,
  tableView,
}: {
  id: string;
  title: string;
  intro?: string;
  children?: React.ReactNode;
  table: DataTable;
  csvQuery: string;
  /** A table in the shape of the chart (heat maps); the long table otherwise. */
  tableView?: React.ReactNode;
}) {
  const { t } = useTranslation("insights");
  return (
    <section className="card" aria-labelledby={`sec-${id}`}>
      <h2 id={`sec-${id}`}>{title}</h2>
      {intro ? <p>{intro}</p> : null}
      {table.rows.length ? children : <p>{t("noData")}</p>}
      {table.rows.length && tableView ? tableView : <DataTableView table={table} caption={title} label={(c) => t(`columns.${c}`)} />}
      <p>
        <a href={`/werk/inzichten/csv/${table.id}?${csvQuery}`} download={`${table.id}.csv`}>
          {t("downloadCsv", { name: title })}
        </a>
      </p>
    </section>
  );
}

export default function InsightsDashboard() {
  const { t, i18n } = useTranslation(["insights", "common"]);
  const { values, teams, errors, dashboard } = useLoaderData<typeof loader>();
  const locale = i18n.language === "en" ? "en-GB" : `${i18n.language}-BE`;
  const fmtNum = (v: unknown) => (typeof v === "number" ? v.toLocaleString(locale) : "–");
  const csvQuery = new URLSearchParams(values).toString();
  const tb = dashboard?.tables;
  const hours = tb ? [...new Set(tb["loket-per-uur"].rows.map((r) => Number(r.hour)))].sort((a, b) => a - b) : [];
  const themes = tb ? [...new Set(tb["loket-per-uur"].rows.map((r) => String(r.theme)))] : [];
  const buildings = tb ? [...new Set(tb.bezoekers.rows.map((r) => String(r.building)))] : [];
  const days = tb ? [...new Set(tb.bezoekers.rows.map((r) => String(r.day)))].sort() : [];
  const hourCell = new Map(tb ? tb["loket-per-uur"].rows.map((r) => [`${String(r.theme)}|${String(r.hour)}`, r]) : []);
  const visitCell = new Map(tb ? tb.bezoekers.rows.map((r) => [`${String(r.building)}|${String(r.day)}`, r]) : []);
  const channelLabel = (c: unknown) => t(`channels.${String(c)}`, { defaultValue: String(c) });
  return (
    <div className="stack">
      <h1>{t("dashboard.title")}</h1>
      {dashboard?.demoData ? <p className="notice">{t("demoData")}</p> : null}
      <p>{t("dashboard.intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="get" className="filter-form" aria-label={t("dashboard.filter")}>
        <TextField name="van" type="date" label={t("dashboard.from")} defaultValue={values.van} error={errors?.van ? t(errors.van) : undefined} required />
        <TextField name="tot" type="date" label={t("dashboard.to")} defaultValue={values.tot} error={errors?.tot ? t(errors.tot) : undefined} required />
        <div className={`field${errors?.team ? " field-error" : ""}`}>
          <label htmlFor="team">{t("dashboard.team")}</label>
          <select id="team" name="team" defaultValue={values.team}>
            {teams.length > 1 || values.team === "" ? <option value="">{t("dashboard.allTeams")}</option> : null}
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("dashboard.show")}
        </button>
      </Form>
      {tb && dashboard ? (
        <>
          <p className="muted">{t("dashboard.teamNote")}</p>
          <ul className="kpi-list" aria-label={t("dashboard.summary")}>
            <li>
              {t("kpi.casesIn")} <strong>{sum(tb.kanalen, "cases").toLocaleString(locale)}</strong>
            </li>
            <li>
              {t("kpi.online")}{" "}
              <strong>
                {sum(tb.kanalen, "cases") ? `${Math.round((100 * (num(tb.kanalen.rows.find((r) => r.channel === "web")?.cases) ?? 0)) / sum(tb.kanalen, "cases"))} %` : "–"}
              </strong>
            </li>
            <li>
              {t("kpi.open")} <strong>{sum(tb.achterstand, "open").toLocaleString(locale)}</strong>
            </li>
            <li>
              {t("kpi.overdue")} <strong>{sum(tb.achterstand, "overdue").toLocaleString(locale)}</strong>
            </li>
            <li>
              {t("kpi.zeroResults")}{" "}
              <strong>
                {dashboard.searches.zero_results.toLocaleString(locale)} / {dashboard.searches.searches.toLocaleString(locale)}
              </strong>
            </li>
          </ul>

          <Section id="kanalen" title={t("sections.channels")} table={tb.kanalen} csvQuery={csvQuery}>
            <BarChart
              title={t("sections.channels")}
              desc={t("charts.channelsDesc")}
              items={tb.kanalen.rows.map((r) => ({ label: channelLabel(r.channel), value: num(r.cases) }))}
            />
          </Section>

          <Section id="diensten" title={t("sections.services")} table={tb.diensten} csvQuery={csvQuery}>
            <BarChart title={t("sections.services")} desc={t("charts.servicesDesc")} items={tb.diensten.rows.map((r) => ({ label: String(r.service), value: num(r.cases) }))} />
          </Section>

          <Section id="weken" title={t("sections.weeks")} table={tb.weken} csvQuery={csvQuery}>
            <StackedBarChart
              title={t("sections.weeks")}
              desc={t("charts.weeksDesc")}
              series={CASE_CHANNEL_ORDER.map((c) => ({ key: c, label: channelLabel(c) }))}
              items={tb.weken.rows.map((r) => ({ label: t("weekOf", { date: r.week }), values: Object.fromEntries(CASE_CHANNEL_ORDER.map((c) => [c, num(r[c]) ?? 0])) }))}
            />
          </Section>

          <Section id="doorlooptijden" title={t("sections.leadTimes")} intro={t("charts.leadTimesIntro")} table={tb.doorlooptijden} csvQuery={csvQuery}>
            <BarChart
              title={t("sections.leadTimes")}
              desc={t("charts.leadTimesDesc")}
              unit={` ${t("daysShort")}`}
              markerLabel={t("norm")}
              items={tb.doorlooptijden.rows.map((r) => ({
                label: String(r.service),
                value: num(r.median_days),
                whisker: num(r.p90_days),
                marker: num(r.norm_days),
                text: t("charts.leadTimesText", { median: fmtNum(r.median_days), p90: fmtNum(r.p90_days), norm: fmtNum(r.norm_days), onTime: fmtNum(r.on_time_pct) }),
              }))}
            />
          </Section>

          <Section id="achterstand" title={t("sections.backlog")} intro={t("charts.backlogIntro")} table={tb.achterstand} csvQuery={csvQuery}>
            <BarChart
              title={t("sections.backlog")}
              desc={t("charts.backlogDesc")}
              items={tb.achterstand.rows.map((r) => ({
                label: String(r.service),
                value: num(r.open),
                marker: num(r.overdue),
                text: t("charts.backlogText", { open: fmtNum(r.open), overdue: fmtNum(r.overdue) }),
              }))}
            />
          </Section>

          <Section
            id="loket-per-uur"
            title={t("sections.counterHeat")}
            intro={t("charts.counterHeatIntro")}
            table={tb["loket-per-uur"]}
            csvQuery={csvQuery}
            tableView={
              <PivotTableView
                caption={t("sections.counterHeat")}
                rowHeader={t("columns.theme")}
                rows={themes}
                cols={hours.map((h) => ({ key: String(h), label: t("hourLabel", { hour: h }) }))}
                value={(theme, h) => num(hourCell.get(`${theme}|${h}`)?.avg_wait_min)}
              />
            }
          >
            <HeatMap
              title={t("sections.counterHeat")}
              desc={t("charts.counterHeatDesc")}
              rows={themes}
              cols={hours.map((h) => ({ key: String(h), label: t("hourLabel", { hour: h }) }))}
              value={(theme, h) => num(hourCell.get(`${theme}|${h}`)?.avg_wait_min)}
            />
          </Section>

          <Section id="loket-thema" title={t("sections.noShows")} table={tb["loket-thema"]} csvQuery={csvQuery}>
            <BarChart
              title={t("sections.noShows")}
              desc={t("charts.noShowsDesc")}
              unit=" %"
              items={tb["loket-thema"].rows.map((r) => ({ label: String(r.theme), value: num(r.no_show_pct) }))}
            />
          </Section>

          <Section id="tevredenheid-kanaal" title={t("sections.satisfactionChannel")} intro={t("charts.satisfactionIntro")} table={tb["tevredenheid-kanaal"]} csvQuery={csvQuery}>
            <BarChart
              title={t("sections.satisfactionChannel")}
              desc={t("charts.satisfactionDesc")}
              items={tb["tevredenheid-kanaal"].rows.map((r) => ({ label: `${t(`sources.${String(r.source)}`)}: ${channelLabel(r.channel)}`, value: num(r.average) }))}
            />
          </Section>

          <Section id="tevredenheid-dienst" title={t("sections.satisfactionService")} table={tb["tevredenheid-dienst"]} csvQuery={csvQuery}>
            <BarChart
              title={t("sections.satisfactionService")}
              desc={t("charts.satisfactionDesc")}
              items={tb["tevredenheid-dienst"].rows.map((r) => ({ label: String(r.service), value: num(r.average) }))}
            />
          </Section>

          <Section id="mikipedia-nuttig" title={t("sections.helpfulness")} intro={t("charts.helpfulnessIntro")} table={tb["mikipedia-nuttig"]} csvQuery={csvQuery}>
            <BarChart
              title={t("sections.helpfulness")}
              desc={t("charts.helpfulnessDesc")}
              unit=" %"
              items={tb["mikipedia-nuttig"].rows.map((r) => ({ label: String(r.article), value: num(r.helpful_pct) }))}
            />
          </Section>

          <Section
            id="zoeken-zonder-resultaat"
            title={t("sections.zeroResults")}
            intro={t("charts.zeroResultsIntro", { zero: fmtNum(dashboard.searches.zero_results), total: fmtNum(dashboard.searches.searches) })}
            table={tb["zoeken-zonder-resultaat"]}
            csvQuery={csvQuery}
          >
            <BarChart
              title={t("sections.zeroResults")}
              desc={t("charts.zeroResultsDesc")}
              items={tb["zoeken-zonder-resultaat"].rows.map((r) => ({ label: `${String(r.query)} (${String(r.language)})`, value: num(r.searches) }))}
            />
          </Section>

          <Section
            id="bezoekers"
            title={t("sections.visitors")}
            table={tb.bezoekers}
            csvQuery={csvQuery}
            tableView={
              <PivotTableView
                caption={t("sections.visitorsTable")}
                rowHeader={t("columns.building")}
                rows={buildings}
                cols={days.map((d) => ({ key: d, label: d.slice(5) }))}
                value={(b, d) => num(visitCell.get(`${b}|${d}`)?.visitors) ?? 0}
              />
            }
          >
            <HeatMap
              title={t("sections.visitors")}
              desc={t("charts.visitorsDesc")}
              rows={buildings}
              cols={days.map((d) => ({ key: d, label: days.length > 31 ? d.slice(5) : d.slice(8, 10) }))}
              value={(b, d) => num(visitCell.get(`${b}|${d}`)?.visitors)}
            />
          </Section>
        </>
      ) : null}
    </div>
  );
}
