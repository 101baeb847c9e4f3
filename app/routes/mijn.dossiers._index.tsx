import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pickIn } from "~/modules/cases/definitions";
import { listMyCases } from "~/modules/cases/dossiers.server";
import { listMyDrafts } from "~/modules/cases/requests.server";
import { requireUser } from "~/modules/identity/guards.server";
import { getLanguage } from "~/utils/i18next.server";
import { brusselsFormat } from "~/utils/brussels-format";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";
import { InLanguage } from "~/components/InLanguage";
import { serviceLabel } from "~/modules/catalog/localize";

export const meta: MetaFunction = (args) => pageMeta(args, "myCases");

export const loader = loaderOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  run: async ({ actor: user, request }) => {
    const [list, drafts, lng] = await Promise.all([listMyCases(user), listMyDrafts(user), getLanguage(request)]);
    const date = brusselsFormat(lng, "date");
    // Only what the page shows, dates already formatted in the reader's language:
    // a smaller document and less work per row for residents with many cases.
    return {
      drafts: drafts.map((d) => ({ slug: d.slug, href: d.href, title: d.title, updated: date.format(d.updatedAt) })),
      cases: list.map((c) => ({
        reference: c.reference,
        service: serviceLabel({ title: c.serviceTitle, translations: c.serviceTranslations }, lng).title,
        statusText: pickIn(c.statusText, lng) ?? { text: c.status, lang: "nl" },
        actionNeeded: c.actionNeeded,
        open: c.open,
        lastChange: date.format(c.lastChangeAt),
        expected: c.expectedBy ? date.format(c.expectedBy) : null,
      })),
    };
  },
});

export default function MyCases() {
  const { t } = useTranslation("cases");
  const { cases, drafts } = useLoaderData<typeof loader>();
  const open = cases.filter((c) => c.open);
  const closed = cases.filter((c) => !c.open);
  const table = (rows: typeof cases, caption: string, withExpected: boolean) => (
    <table className="case-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("dossiers.request")}</th>
          <th scope="col">{t("dossiers.status")}</th>
          <th scope="col">{t("dossiers.lastChange")}</th>
          {withExpected ? <th scope="col">{t("dossiers.expected")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.reference}>
            <td>
              <Link to={`/mijn/dossiers/${c.reference}`}>
                <InLanguage {...c.service} />
              </Link>
              <br />
              <span className="muted">{c.reference}</span>
            </td>
            <td data-label={t("dossiers.status")}>
              {c.actionNeeded ? <strong className="tag tag-action">{t("dossiers.actionNeeded")}</strong> : null} <InLanguage {...c.statusText} />
            </td>
            <td data-label={t("dossiers.lastChange")}>{c.lastChange}</td>
            {withExpected ? <td data-label={t("dossiers.expected")}>{c.expected ? t("dossiers.around", { date: c.expected }) : "–"}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="stack">
      <h1>{t("dossiers.title")}</h1>
      <p>{t("dossiers.intro")}</p>
      {drafts.length ? (
        <section className="card" aria-labelledby="drafts-title">
          <h2 id="drafts-title">{t("dossiers.draftsTitle")}</h2>
          <ul>
            {drafts.map((d) => (
              <li key={d.slug}>
                <Link to={d.href}>{d.title}</Link> <span className="muted">({t("dossiers.draftSaved", { date: d.updated })})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {cases.length === 0 ? (
        <p>
          {t("dossiers.empty")} <Link to="/aanvragen">{t("dossiers.toRequests")}</Link>
        </p>
      ) : null}
      {open.length ? (
        <section className="stack">
          {table(open, t("dossiers.openTitle"), true)}
          <p className="hint">{t("dossiers.estimateNote")}</p>
        </section>
      ) : null}
      {closed.length ? <section className="stack">{table(closed, t("dossiers.closedTitle"), false)}</section> : null}
      <p>
        <Link to="/aanvragen">{t("dossiers.newRequest")}</Link>
      </p>
    </div>
  );
}
