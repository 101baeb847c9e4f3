import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { formatDateTime } from "~/modules/access/time";
import { openResidentFile } from "~/modules/contacts/timeline.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { getLanguage } from "~/utils/i18next.server";
import { uuid } from "~/utils/ids";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, "resident", { name: args.data?.resident.name, fallback: "residentFallback" });
export const handle = { i18n: ["contacts"] };

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "residents.serve"),
  params: z.object({ id: uuid }),
  query: z.object({ pagina: z.string().max(10).optional(), nieuw: z.string().max(10).optional() }).passthrough(),
  run: async ({ actor, params, query, request }) => {
    const page = Math.min(10_000, Math.max(1, Number.parseInt(query.pagina ?? "1", 10) || 1));
    return openResidentFile(actor, params.id, page, await getLanguage(request));
  },
});

export default function ResidentFile() {
  const { t, i18n } = useTranslation("contacts");
  const { resident, items, page, hasNext, offeredPhone } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const base = `/werk/bewoners/${resident.id}`;
  const statusText = (kind: string, status: string | null) => {
    if (!status) return kind === "contact" ? t("outcomes.open") : "";
    if (kind === "contact") return t(`outcomes.${status}`);
    if (kind === "ticket") return t(`ticketStatus.${status}`);
    if (kind === "appointment") return t(`appointmentStatus.${status}`);
    return status;
  };
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/werk/bewoners">{t("file.back")}</Link>
      </p>
      {params.has("opgeslagen") ? <Notice>{t("file.saved")}</Notice> : null}
      {params.has("nieuw") ? <Notice>{t("file.created")}</Notice> : null}
      {params.has("telefoon-bewaard") ? <Notice>{t("file.phoneSaved")}</Notice> : null}
      <h1>{t("file.title", { name: resident.name })}</h1>
      <section className="card" aria-labelledby="details-title">
        <h2 id="details-title">{t("file.details")}</h2>
        <dl>
          <dt>{t("file.email")}</dt>
          <dd>{resident.email ?? t("file.none")}</dd>
          <dt>{t("file.phone")}</dt>
          <dd>
            {resident.phone ?? t("file.none")}
            {offeredPhone ? (
              <Form method="post" action={`${base}/telefoon`}>
                <input type="hidden" name="phone" value={offeredPhone} />
                <p className="hint">{t("file.phoneOfferHint")}</p>
                <button type="submit" className="button button-secondary">
                  {t("file.phoneOffer", { phone: offeredPhone })}
                </button>
              </Form>
            ) : null}
          </dd>
          <dt>{t("file.language")}</dt>
          <dd>{t(`languages.${resident.preferredLanguage}`)}</dd>
          <dt>{t("file.channel")}</dt>
          <dd>{t(`preferredChannels.${resident.preferredChannel}`)}</dd>
          <dt>{t("file.account")}</dt>
          <dd>{resident.claimed ? t("search.claimed") : t("search.notClaimed")}</dd>
        </dl>
        <p className="muted">{t("file.auditNote")}</p>
      </section>
      <div className="button-row">
        <Link className="button" to={`/werk/contacten/nieuw?bewoner=${resident.id}`}>
          {t("file.registerContact")}
        </Link>
        <Link className="button button-secondary" to={`${base}/aanvraag`}>
          {t("file.fileRequest")}
        </Link>
      </div>
      <section aria-labelledby="timeline-title" className="stack">
        <h2 id="timeline-title">
          {t("file.timeline")}
          {page > 1 ? ` – ${t("file.page", { page })}` : ""}
        </h2>
        {items.length ? (
          <ol className="article-list" data-testid="timeline">
            {items.map((item) => (
              <li key={`${item.kind}-${item.id}`} data-kind={item.kind}>
                <p>
                  <strong>{t(`kinds.${item.kind}`)}</strong> · {t(`channels.${item.channel}`, { defaultValue: item.channel })} ·{" "}
                  <time dateTime={new Date(item.at).toISOString()}>{formatDateTime(new Date(item.at), i18n.language)}</time>
                </p>
                <p>
                  {item.ref && item.kind === "case" ? (
                    <>
                      <Link to={`/werk/dossiers/${item.ref}`}>{item.ref}</Link>:{" "}
                    </>
                  ) : item.ref ? (
                    <>{item.ref}: </>
                  ) : null}
                  {item.title}
                  {statusText(item.kind, item.status) ? ` – ${statusText(item.kind, item.status)}` : ""}
                  {item.staffName ? ` (${t("file.by", { name: item.staffName })})` : ""}
                </p>
                {item.summary ? <p>{item.summary}</p> : null}
                {item.satisfaction ? <p>{t("file.satisfaction", { score: item.satisfaction })}</p> : null}
                {item.articles.length ? (
                  <p>
                    {t("file.articlesUsed")}{" "}
                    {item.articles.map((a, i) => (
                      <span key={a.slug}>
                        {i ? ", " : ""}
                        <Link to={`/mikipedia/${a.slug}`}>{a.title}</Link>
                      </span>
                    ))}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p>{t("file.empty")}</p>
        )}
        {page > 1 || hasNext ? (
          <nav aria-label={t("file.pagination")} className="button-row">
            {page > 1 ? <Link to={`${base}?pagina=${page - 1}`}>{t("file.newer")}</Link> : null}
            {hasNext ? <Link to={`${base}?pagina=${page + 1}`}>{t("file.older")}</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
