import { redirect, type MetaFunction } from "@remix-run/node";
import { Link, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { savePhoneFromRequest } from "~/modules/contacts/phone-offer.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

/**
 * Saves a phone number the resident gave in a request to their profile: the one-click offer
 * on the 360° view posts here (issue 15.4). The page itself only shows why a save failed,
 * with the way back to the resident's file.
 */

export const meta: MetaFunction = (args) => pageMeta(args, "residentPhone");
export const handle = { i18n: ["contacts"] };

const params = z.object({ id: uuid });

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "residents.serve"),
  params,
  run: ({ params: p }) => ({ id: p.id }),
});

export const action = actionOf({
  guard: (request) => requireStaffCan(request, "residents.serve"),
  params,
  body: z.object({ phone: z.string().trim().min(1, "contacts:errors.phoneNotOffered").max(40, "contacts:errors.phoneNotOffered") }),
  run: async ({ actor, params: p, body }) => {
    await savePhoneFromRequest(actor, p.id, body.phone);
    return redirect(`/werk/bewoners/${p.id}?telefoon-bewaard`);
  },
});

export default function SavePhone() {
  const { t } = useTranslation("contacts");
  const { errors } = useFormResult();
  const { id } = useParams();
  return (
    <div className="stack narrow">
      <h1>{t("file.phoneOfferTitle")}</h1>
      <ErrorSummary errors={errors} />
      <p>
        <Link to={`/werk/bewoners/${id}`}>{t("file.back360")}</Link>
      </p>
    </div>
  );
}
