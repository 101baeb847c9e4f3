import { redirect, type MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Form, Link, useLoaderData, useNavigate, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/forms";
import { SatisfactionFaces } from "~/components/SatisfactionFaces";
import { useFormResult } from "~/components/useFormResult";
import { deskName, rateAtDesk, rateableTicketAtDesk } from "~/modules/contacts/satisfaction.server";
import { uuid } from "~/utils/ids";
import { actionOf, anyone, httpError, loaderOf } from "~/utils/kernel";
import { clientIp } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Hoe tevreden bent u? – Huis van de Mechelaar" }];
// A tablet at the desk, in public: no menu, no account links (see root Layout).
export const handle = { i18n: ["inbox"], kiosk: true };

/**
 * The tablet at a desk. It asks only about the visit just finished at this desk (in the
 * last minutes and not yet rated); otherwise it waits and checks again by itself.
 */
const deskParams = z.object({ deskId: uuid });

const loaderQuery = z.object({ bedankt: z.string().max(5).optional() });
export const loader = loaderOf({
  guard: anyone,
  params: deskParams,
  query: loaderQuery,
  run: async ({ params, query }) => {
    const name = await deskName(params.deskId);
    if (!name) httpError(404);
    const current = await rateableTicketAtDesk(params.deskId);
    const thanks = query.bedankt !== undefined;
    return { desk: name, thanks, current: current && !thanks ? { ticketId: current.ticketId, number: current.number } : null };
  },
});

const actionBody = z.object({ ticketId: uuid, score: z.coerce.number().int().min(1).max(5) });
export const action = actionOf({
  guard: anyone,
  params: deskParams,
  body: actionBody,
  run: async ({ params, body, context }) => {
    await rateAtDesk({ deskId: params.deskId, ticketId: body.ticketId, score: body.score }, clientIp(context));
    return redirect(`/kiosk/tevredenheid/${params.deskId}?bedankt=1`);
  },
});

const THANKS_MS = 8000;
const POLL_MS = 5000;

export default function DeskSatisfaction() {
  const { t } = useTranslation("inbox");
  const { desk, thanks, current } = useLoaderData<typeof loader>();
  const { errors, busy } = useFormResult();
  const navigate = useNavigate();
  const { revalidate, state } = useRevalidator();

  // After the thank-you, back to the start for the next visitor; while waiting, look for a finished visit.
  useEffect(() => {
    if (thanks) {
      const timer = setTimeout(() => navigate(".", { replace: true }), THANKS_MS);
      return () => clearTimeout(timer);
    }
    if (!current) {
      const timer = setInterval(() => state === "idle" && revalidate(), POLL_MS);
      return () => clearInterval(timer);
    }
  }, [thanks, current, navigate, revalidate, state]);

  return (
    <div className="stack kiosk">
      <h1>{t("satisfaction.tabletTitle", { desk })}</h1>
      <ErrorSummary errors={errors} />
      {thanks ? (
        <div className="stack" role="status">
          <p className="kiosk-instruction">{t("satisfaction.thanks")}</p>
          <p>{t("satisfaction.thanksMore")}</p>
          <p>
            <Link to="." replace className="button button-secondary">
              {t("satisfaction.tabletNext")}
            </Link>
          </p>
        </div>
      ) : current ? (
        <Form method="post" className="stack">
          <input type="hidden" name="ticketId" value={current.ticketId} />
          <p className="lead">
            {t("satisfaction.ticket", { number: current.number })} {t("satisfaction.oneTap")}
          </p>
          <SatisfactionFaces legend={t("satisfaction.visitQuestion")} disabled={busy} />
        </Form>
      ) : (
        <p className="kiosk-instruction">{t("satisfaction.tabletWaiting")}</p>
      )}
    </div>
  );
}
