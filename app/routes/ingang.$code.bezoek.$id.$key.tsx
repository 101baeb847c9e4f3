import { data, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { entranceByCode, walkInForVisitor } from "~/modules/access/entrance.server";
import { posterCodeParams } from "~/modules/access/schemas";
import { DomainError } from "~/modules/platform/errors";
import { uuid } from "~/utils/ids";
import { INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

/**
 * Seconds between checks while the visitor waits: without JavaScript by a `Refresh` response
 * header (the meta element would do the same, but axe rightly flags timed meta refreshes; the
 * waiting page has no field to lose), with JavaScript by a small poll.
 */
const REFRESH_SECONDS = 10;
const POLL_MS = 4000;

export const meta: MetaFunction = (args) => pageMeta(args, "entranceVisit", { extra: [{ name: "robots", content: "noindex" }] });
export const handle = { i18n: ["access"] };
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const refresh = loaderHeaders.get("Refresh");
  const out: Record<string, string> = { "Cache-Control": "no-store" };
  if (refresh) out.Refresh = refresh;
  return out;
};

const params = posterCodeParams.extend({ id: uuid, key: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/) });

/** The walk-in's own page, reached with the key only they hold. */
export const loader = loaderOf({
  guard: () => null,
  params,
  run: async ({ params: p }) => {
    const entrance = await entranceByCode(p.code);
    const visit = entrance ? await walkInForVisitor(p.id, p.key) : undefined;
    if (!entrance || !visit) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
    const page = { ...visit, code: p.code, link: `/ingang/${p.code}/bezoek/${p.id}/${p.key}` };
    return data(page, { headers: visit.status === "pending" ? { Refresh: String(REFRESH_SECONDS) } : {} });
  },
});

export default function WalkInStatus() {
  const { t } = useTranslation("access");
  const v = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  useEffect(() => {
    if (v.status !== "pending") return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [v.status, revalidator]);
  return (
    <div className="stack narrow entrance-page" data-walkin-status={v.status}>
      {v.status === "pending" ? (
        <div role="status" aria-live="polite">
          <h1>{t("entrance.waitTitle")}</h1>
          <p>{v.hostName ? t("entrance.waiting", { host: v.hostName }) : t("entrance.waitingReception")}</p>
          <p>
            <Link to={v.link} className="button" reloadDocument>
              {t("entrance.refresh")}
            </Link>
          </p>
        </div>
      ) : v.status === "approved" ? (
        <div role="status" aria-live="polite" className="stack">
          <div className="kiosk-answer kiosk-answer-ok" data-outcome="welcome">
            <span className="kiosk-icon" aria-hidden="true">
              ✓
            </span>
            <div>
              <h1 className="kiosk-answer-title">{t("entrance.approvedTitle")}</h1>
              <p className="kiosk-answer-body">{t("entrance.approved", { name: v.visitorName })}</p>
            </div>
          </div>
          {v.qrDataUri ? <img src={v.qrDataUri} alt={t("entrance.qrAlt")} width={296} height={296} /> : null}
          {v.inside ? (
            <Form method="post" action={`/ingang/${v.code}`}>
              <input type="hidden" name={INTENT_FIELD} value="checkout" />
              <input type="hidden" name="link" value={v.link} />
              <button type="submit" className="button">
                {t("entrance.leave")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : (
        <div className="kiosk-answer kiosk-answer-stop" role="status" data-outcome="refused">
          <span className="kiosk-icon" aria-hidden="true">
            ✕
          </span>
          <div>
            <h1 className="kiosk-answer-title">{t("entrance.refusedTitle")}</h1>
            <p className="kiosk-answer-body">{t("entrance.refused")}</p>
          </div>
        </div>
      )}
      <p>
        <Link to={`/ingang/${v.code}`}>{t("entrance.back")}</Link>
      </p>
    </div>
  );
}
