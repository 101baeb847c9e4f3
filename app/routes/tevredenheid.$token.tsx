import { data, redirect, type MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice } from "~/components/forms";
import { SatisfactionFaces } from "~/components/SatisfactionFaces";
import { useFormResult } from "~/components/useFormResult";
import { linkState, rateByLink, verifySatisfactionToken } from "~/modules/contacts/satisfaction.server";
import { DomainError } from "~/modules/platform/errors";
import { actionOf, anyone, loaderOf } from "~/utils/kernel";
import { clientIp } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "opinion", { extra: [{ name: "robots", content: "noindex" }] });
// The signed token holds a dot: the file-like 404 in front of Remix must let it through (app/server/unknown-files.ts).
export const handle = { i18n: ["inbox"], dottedParams: true };

/** The page of a satisfaction link from an e-mail: no login; opening it uses nothing up, the tap does. */
/** The signed token is checked by the module (a forged one is a page that says so, 400). */
const tokenParams = z.object({ token: z.string().min(1).max(1000) });

const loaderQuery = z.object({ bedankt: z.string().max(5).optional() });
export const loader = loaderOf({
  guard: anyone,
  params: tokenParams,
  query: loaderQuery,
  run: async ({ params, query }) => {
    if (query.bedankt !== undefined) return { state: "thanks" as const, kind: null, problem: null };
    try {
      const target = verifySatisfactionToken(params.token);
      return { state: await linkState(target), kind: target.kind, problem: null };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return data({ state: "invalid" as const, kind: null, problem: err.messageKey }, { status: 400 });
    }
  },
});

const actionBody = z.object({ score: z.coerce.number().int().min(1).max(5) });
export const action = actionOf({
  guard: anyone,
  params: tokenParams,
  body: actionBody,
  run: async ({ params, body, context }) => {
    await rateByLink(params.token, body.score, clientIp(context));
    return redirect(`/tevredenheid/${params.token}?bedankt=1`);
  },
});

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
