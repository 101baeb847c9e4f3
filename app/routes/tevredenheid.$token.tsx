import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice } from "~/components/forms";
import { SatisfactionFaces } from "~/components/SatisfactionFaces";
import { useFormResult } from "~/components/useFormResult";
import { linkState, rateByLink, verifySatisfactionToken } from "~/modules/contacts/satisfaction.server";
import { DomainError } from "~/modules/platform/errors";
import { formValues } from "~/utils/forms";
import { clientIp, domainErrorToForm } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "opinion", { extra: [{ name: "robots", content: "noindex" }] });
export const handle = { i18n: ["inbox"] };

/** The page of a satisfaction link from an e-mail: no login; opening it uses nothing up, the tap does. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  if (new URL(request.url).searchParams.has("bedankt")) return { state: "thanks" as const, kind: null, problem: null };
  try {
    const target = verifySatisfactionToken(params.token ?? "");
    return { state: await linkState(target), kind: target.kind, problem: null };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return data({ state: "invalid" as const, kind: null, problem: err.messageKey }, { status: 400 });
  }
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const values = formValues(await request.formData());
  try {
    await rateByLink(params.token ?? "", Number(values.score), clientIp(context));
  } catch (err) {
    const failure = domainErrorToForm(err, {});
    return data(failure.data, failure.init ?? undefined);
  }
  return redirect(`/tevredenheid/${params.token}?bedankt=1`);
}

export default function SatisfactionLink() {
  const { t } = useTranslation("inbox");
  const { state, kind, problem } = useLoaderData<typeof loader>();
  const { errors, busy } = useFormResult();
  return (
    <div className="stack narrow">
      <h1>{t("satisfaction.linkTitle")}</h1>
      <ErrorSummary errors={errors} />
      {state === "thanks" ? (
        <Notice>
          <p>{t("satisfaction.thanks")}</p>
          <p>{t("satisfaction.thanksMore")}</p>
        </Notice>
      ) : state === "open" ? (
        <Form method="post" className="stack">
          <p>{t("satisfaction.oneTap")}</p>
          <SatisfactionFaces legend={kind === "ticket" ? t("satisfaction.visitQuestion") : t("satisfaction.mailQuestion")} disabled={busy} />
        </Form>
      ) : state === "used" ? (
        <p>{t("satisfaction.used")}</p>
      ) : state === "gone" ? (
        <p>{t("satisfaction.gone")}</p>
      ) : (
        <p>{t(problem ?? "satisfaction.errors.invalidLink")}</p>
      )}
    </div>
  );
}
