import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/forms";
import { SatisfactionFaces } from "~/components/SatisfactionFaces";
import { useFormResult } from "~/components/useFormResult";
import { deskName, rateAtDesk, rateableTicketAtDesk } from "~/modules/contacts/satisfaction.server";
import { formValues } from "~/utils/forms";
import { clientIp, domainErrorToForm } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "kioskSatisfaction");
// A tablet at the desk, in public: no menu, no account links (see root Layout).
export const handle = { i18n: ["inbox"], kiosk: true };

/**
 * The tablet at a desk. It asks only about the visit just finished at this desk (in the
 * last minutes and not yet rated); otherwise it waits and checks again by itself.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const name = await deskName(params.deskId!);
  if (!name) throw new Response("Not found", { status: 404 });
  const current = await rateableTicketAtDesk(params.deskId!);
  const thanks = new URL(request.url).searchParams.has("bedankt");
  return { desk: name, thanks, current: current && !thanks ? { ticketId: current.ticketId, number: current.number } : null };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const values = formValues(await request.formData());
  try {
    await rateAtDesk({ deskId: params.deskId!, ticketId: String(values.ticketId ?? ""), score: Number(values.score) }, clientIp(context));
  } catch (err) {
    const failure = domainErrorToForm(err, {});
    return data(failure.data, failure.init ?? undefined);
  }
  return redirect(`/kiosk/tevredenheid/${params.deskId}?bedankt=1`);
}

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
