import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart, DataTableView } from "~/components/InsightCharts";
import { publicPeriod } from "~/modules/insights/period";
import { loadPublicFigures } from "~/modules/insights/public.server";
import { MIN_GROUP } from "~/modules/insights/suppress";
import type { DataTable } from "~/modules/insights/tables";
import { publicPageHeaders } from "~/utils/cache-headers";
import { anyone, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const headers = publicPageHeaders;

export const meta: MetaFunction = (args) => pageMeta(args, "figures");
export const handle = { i18n: ["insights"] };

export const loader = loaderOf({
  guard: anyone,
  run: async () => {
    const period = publicPeriod();
    return { period, figures: await loadPublicFigures(period) };
  },
});

const num = (v: unknown) => (typeof v === "number" ? v : null);

function Figure({ id, title, intro, table, children }: { id: string; title: string; intro: string; table: DataTable; children?: React.ReactNode }) {
  const { t } = useTranslation("insights");
  return (
    <section aria-labelledby={`pub-${id}`} className="stack">
      <h2 id={`pub-${id}`}>{title}</h2>
      <p>{intro}</p>
      {table.rows.length ? children : <p>{t("noData")}</p>}
      <DataTableView table={table} caption={title} label={(c) => t(`columns.${c}`)} open />
      <p>
        <a href={`/api/v1/open-data/${table.id}.csv`}>{t("public.download", { name: title })}</a>
      </p>
    </section>
  );
}

export default function PublicFigures() {
  const { t, i18n } = useTranslation("insights");
  const { period, figures } = useLoaderData<typeof loader>();
  const locale = i18n.language === "en" ? "en-GB" : `${i18n.language}-BE`;
  const monthName = (isoDay: string) => new Date(`${isoDay}T12:00:00Z`).toLocaleDateString(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const n = (v: unknown) => (typeof v === "number" ? v.toLocaleString(locale) : "–");
  const shown = (table: DataTable, key: string) => table.rows.filter((r) => !r.suppressed).map((r) => ({ row: r, value: num(r[key]) }));
  return (
    <div className="stack prose">
      <h1>{t("public.title")}</h1>
      {figures.demoData ? <p className="notice">{t("demoData")}</p> : null}
      <p>{t("public.intro", { from: monthName(period.from), to: monthName(period.to) })}</p>
      <p>{t("public.smallGroups", { min: MIN_GROUP })}</p>

      <Figure id="lead" title={t("public.leadTitle")} intro={t("public.leadIntro")} table={figures.lead}>
        <BarChart
          title={t("public.leadTitle")}
          desc={t("public.leadDesc")}
          unit={` ${t("daysShort")}`}
          markerLabel={t("norm")}
          items={shown(figures.lead, "median_days").map(({ row, value }) => ({
            label: String(row.service),
            value,
            marker: num(row.norm_days),
            text: t("public.leadText", { median: n(row.median_days), norm: n(row.norm_days), onTime: n(row.on_time_pct) }),
          }))}
        />
      </Figure>

      <Figure id="wait" title={t("public.waitTitle")} intro={t("public.waitIntro")} table={figures.wait}>
        <BarChart
          title={t("public.waitTitle")}
          desc={t("public.waitDesc")}
          unit={` ${t("minutesShort")}`}
          items={shown(figures.wait, "avg_wait_min").map(({ row, value }) => ({ label: String(row.theme), value }))}
        />
      </Figure>

      <Figure id="satisfaction" title={t("public.satisfactionTitle")} intro={t("public.satisfactionIntro")} table={figures.satisfaction}>
        <BarChart
          title={t("public.satisfactionTitle")}
          desc={t("public.satisfactionDesc")}
          items={shown(figures.satisfaction, "average_score").map(({ row, value }) => ({
            label: t(`channels.${String(row.channel)}`, { defaultValue: String(row.channel) }),
            value,
          }))}
        />
      </Figure>

      <Figure id="digital" title={t("public.digitalTitle")} intro={t("public.digitalIntro")} table={figures.digital}>
        <BarChart
          title={t("public.digitalTitle")}
          desc={t("public.digitalDesc")}
          unit=" %"
          items={shown(figures.digital, "online_pct").map(({ row, value }) => ({ label: String(row.service), value }))}
        />
      </Figure>

      <h2>{t("public.openDataTitle")}</h2>
      <p>
        {t("public.openDataIntro")} <a href="/api/v1/open-data">{t("public.openDataLink")}</a>
      </p>
    </div>
  );
}
