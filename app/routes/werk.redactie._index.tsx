import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/components/Mikipedia";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { editorialOverview, listArticlesForEditors } from "~/modules/knowledge/editorial.server";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";
import { TableScroll } from "~/components/TableScroll";

export const meta: MetaFunction = (args) => pageMeta(args, "editorial");

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "knowledge.edit"),
  run: async ({ actor }) => {
    const [overview, articles] = await Promise.all([editorialOverview(actor), listArticlesForEditors(actor)]);
    return { overview, articles: [...articles] };
  },
});

export default function Editorial() {
  const { t, i18n } = useTranslation("knowledge");
  const { overview, articles } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("editor.title")}</h1>
      <p>
        <Link className="button" to="/werk/redactie/nieuw">
          {t("editor.newArticle")}
        </Link>
      </p>
      <section aria-labelledby="ed-awaiting" className="card">
        <h2 id="ed-awaiting">{t("editor.awaitingTitle")}</h2>
        {overview.awaitingReview.length ? (
          <ul>
            {overview.awaitingReview.map((r) => (
              <li key={r.revisionId}>
                <Link to={`/werk/redactie/${r.articleId}#publiceren`}>{r.title}</Link> ({r.language}) – {t("editor.colAuthor")} {r.author ?? t("editor.seedAuthor")}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("editor.awaitingEmpty")}</p>
        )}
      </section>
      <section aria-labelledby="ed-due" className="card">
        <h2 id="ed-due">{t("editor.dueTitle")}</h2>
        <p>{t("editor.dueIntro")}</p>
        {overview.due.length ? (
          <ul>
            {overview.due.map((a) => (
              <li key={a.id}>
                <Link to={`/werk/redactie/${a.id}`}>{a.title}</Link> ({a.language}) – {a.reviewBefore ? formatDate(a.reviewBefore, i18n.language) : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("editor.dueEmpty")}</p>
        )}
      </section>
      <section aria-labelledby="ed-zero" className="card">
        <h2 id="ed-zero">{t("editor.zeroTitle")}</h2>
        {overview.zeroResults.length ? (
          <TableScroll labelledBy="ed-zero">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("editor.colQuery")}</th>
                  <th scope="col">{t("editor.colLanguage")}</th>
                  <th scope="col">{t("editor.colSearches")}</th>
                </tr>
              </thead>
              <tbody>
                {overview.zeroResults.map((z) => (
                  <tr key={`${z.query}-${z.language}`}>
                    <td>{z.query}</td>
                    <td>{z.language}</td>
                    <td>{z.searches}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p>{t("editor.zeroEmpty")}</p>
        )}
      </section>
      <section aria-labelledby="ed-low" className="card">
        <h2 id="ed-low">{t("editor.lowTitle")}</h2>
        {overview.lowHelpfulness.length ? (
          <TableScroll labelledBy="ed-low">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("editor.colTitle")}</th>
                  <th scope="col">{t("editor.colVotes")}</th>
                  <th scope="col">{t("editor.colHelpful")}</th>
                </tr>
              </thead>
              <tbody>
                {overview.lowHelpfulness.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/werk/redactie/${a.id}`}>{a.title}</Link> ({a.language})
                    </td>
                    <td>{a.votes}</td>
                    <td>{a.helpful}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p>{t("editor.lowEmpty")}</p>
        )}
      </section>
      <section aria-labelledby="ed-all">
        <h2 id="ed-all">{t("editor.allTitle")}</h2>
        <TableScroll labelledBy="ed-all">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("editor.colTitle")}</th>
                <th scope="col">{t("editor.colLanguage")}</th>
                <th scope="col">{t("editor.colStatus")}</th>
                <th scope="col">{t("editor.colReviewBefore")}</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/werk/redactie/${a.id}`}>{a.title}</Link>
                  </td>
                  <td>{a.language}</td>
                  <td>{t(`editor.status.${a.work_status ?? a.status}`)}</td>
                  <td>{a.review_before ? formatDate(a.review_before, i18n.language) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </div>
  );
}
