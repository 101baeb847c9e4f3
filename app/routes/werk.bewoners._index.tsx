import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { searchResidents } from "~/modules/contacts/resident-search.server";
import { currentTicket } from "~/modules/counter/queue.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Bewoner zoeken – Digitaal Huis van de Mechelaar" }];
export const handle = { i18n: ["contacts"] };

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "residents.serve"),
  query: z.object({ q: z.string().max(200).optional() }),
  run: async ({ actor, query }) => {
    const q = query.q?.trim() ?? "";
    const [found, ticket] = await Promise.all([q ? searchResidents(actor, q) : null, currentTicket(actor)]);
    return { q, kind: found?.kind ?? null, results: found?.results ?? null, ticket: ticket ? { number: ticket.number } : null };
  },
});

export default function ResidentSearch() {
  const { t } = useTranslation("contacts");
  const { q, kind, results, ticket } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("search.title")}</h1>
      {ticket ? <p>{t("search.ticketNote", { number: ticket.number })}</p> : null}
      <p>{t("search.intro")}</p>
      <Form method="get" role="search" className="stack narrow" aria-label={t("search.title")}>
        <div className="field">
          <label htmlFor="q">{t("search.label")}</label>
          <p className="hint" id="q-hint">
            {t("search.hint")}
          </p>
          <input id="q" name="q" type="search" defaultValue={q} aria-describedby="q-hint" autoComplete="off" />
        </div>
        <div>
          <button type="submit" className="button">
            {t("search.button")}
          </button>
        </div>
      </Form>
      {results ? (
        <section aria-labelledby="results-title" className="stack">
          <h2 id="results-title">{kind === "tooShort" ? t("search.tooShort") : t("search.results", { count: results.length })}</h2>
          {kind && kind !== "tooShort" ? <p className="muted">{t(`search.byKind.${kind}`)}</p> : null}
          {results.length ? (
            <ul>
              {results.map((r) => (
                <li key={r.id}>
                  <Link to={`/werk/bewoners/${r.id}`}>{r.name}</Link>
                  {r.matchedCase ? ` (${t("search.matchedCase", { reference: r.matchedCase })})` : ""}
                  <br />
                  <span className="muted">
                    {[r.email, r.phone].filter(Boolean).join(" · ")}
                    {r.email || r.phone ? " · " : ""}
                    {r.claimed ? t("search.claimed") : t("search.notClaimed")}
                  </span>
                </li>
              ))}
            </ul>
          ) : kind !== "tooShort" ? (
            <p>{t("search.none")}</p>
          ) : null}
        </section>
      ) : null}
      <div className="button-row">
        <Link className="button button-secondary" to="/werk/bewoners/nieuw">
          {t("search.newRecord")}
        </Link>
        <Link className="button button-secondary" to="/werk/contacten/nieuw">
          {t("search.anonymous")}
        </Link>
      </div>
    </div>
  );
}
