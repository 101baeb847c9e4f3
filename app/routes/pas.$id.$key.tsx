import { data, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { passForVisitor } from "~/modules/access/invitations.server";
import { formatWindow } from "~/modules/access/time";
import { z } from "zod";
import { uuid } from "~/utils/ids";
import { anyone, httpError, loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Uw toegang – Digitaal Huis van de Mechelaar" }, { name: "robots", content: "noindex" }];
export const handle = { i18n: ["access"] };

/**
 * The visitor's pass page, opened from the mail's link (no account needed: the link holds a
 * secret key). The QR is a data: URI inside the HTML and the browser may keep the page for a
 * day; with JavaScript, a service worker (/pas/sw.js) keeps it for the door without network.
 */
const loaderParams = z.object({ id: uuid, key: z.string().min(1).max(200) });
export const loader = loaderOf({
  guard: anyone,
  params: loaderParams,
  run: async ({ params }) => {
    const pass = await passForVisitor(params.id, params.key);
    if (!pass) httpError(404);
    return data(pass, { headers: { "Cache-Control": "private, max-age=86400", "Referrer-Policy": "no-referrer" } });
  },
});

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

/** Registers the pass page's service worker and keeps this page and its stylesheets for offline use. */
function useOfflinePass(usable: boolean) {
  useEffect(() => {
    if (!("serviceWorker" in navigator) || !("caches" in window)) return;
    void navigator.serviceWorker.register("/pas/sw.js", { scope: "/pas/" }).catch(() => {});
    void (async () => {
      const cache = await caches.open("mechelaar-pas-v1"); // PASS_CACHE in pas.sw[.]js.ts
      if (!usable) return void (await cache.delete(location.pathname));
      const styles = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map((l) => l.href).filter((h) => new URL(h).origin === location.origin);
      await cache.addAll([location.pathname, ...styles]);
    })().catch(() => {});
  }, [usable]);
}

export default function PassPage() {
  const { t, i18n } = useTranslation("access");
  const pass = useLoaderData<typeof loader>();
  useOfflinePass(!pass.revoked && !pass.expired);
  const usable = !pass.revoked && !pass.expired;
  return (
    <div className="stack narrow">
      <h1>{t("pass.title", { building: pass.buildingName })}</h1>
      {pass.revoked ? <p className="error-message">{t("pass.revoked")}</p> : pass.expired ? <p className="error-message">{t("pass.expired")}</p> : null}
      {usable ? (
        <>
          <p className="lead">{t("pass.show")}</p>
          <img className="pass-qr" src={pass.qrDataUri} alt={t("pass.qrAlt", { building: pass.buildingName })} width={296} height={296} />
        </>
      ) : null}
      <dl className="summary-list">
        <dt>{t("pass.when")}</dt>
        <dd>{formatWindow(new Date(pass.validFrom), new Date(pass.validUntil), i18n.language)}</dd>
        <dt>{t("pass.building")}</dt>
        <dd>{pass.buildingName}</dd>
        <dt>{t("pass.address")}</dt>
        <dd>{pass.address ?? t("mail.noAddress")}</dd>
        <dt>{t("pass.host")}</dt>
        <dd>{pass.hostName}</dd>
        <dt>{t("pass.purpose")}</dt>
        <dd>{pass.purpose}</dd>
      </dl>
      {usable ? (
        <>
          <p>{t("pass.offline")}</p>
          <details>
            <summary>{t("pass.manual")}</summary>
            <p className="pass-token">
              <code>{pass.token}</code>
            </p>
          </details>
        </>
      ) : null}
    </div>
  );
}
