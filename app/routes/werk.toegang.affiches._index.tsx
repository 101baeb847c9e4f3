import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { listPosters, replacePosterCode } from "~/modules/access/entrance.server";
import { formatDateTime } from "~/modules/access/time";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { uuid } from "~/utils/ids";
import { actionOf, INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "posters");
export const handle = { i18n: ["access"] };

const guard = (request: Request) => requireStaffCan(request, "admin.manage");

export const loader = loaderOf({
  guard,
  run: async ({ actor }) => ({ posters: (await listPosters(actor)).map((p) => ({ ...p, replacedAt: p.replacedAt?.toISOString() ?? null })) }),
});

export const action = actionOf({
  guard,
  body: z.object({ [INTENT_FIELD]: z.literal("replace"), entranceId: uuid }),
  run: async ({ actor, body }) => {
    await replacePosterCode(actor, body.entranceId);
    return redirect("/werk/toegang/affiches?vervangen=1");
  },
});

export default function Posters() {
  const { t, i18n } = useTranslation("access");
  const { posters } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      {params.has("vervangen") ? <Notice>{t("poster.replaced")}</Notice> : null}
      <h1>{t("poster.title")}</h1>
      <p>{t("poster.intro")}</p>
      <ul className="stack">
        {posters.map((p) => (
          <li key={p.entranceId}>
            <Link to={`/werk/toegang/affiches/${p.entranceId}`}>{t("poster.print", { entrance: `${p.buildingName} – ${p.entranceName}` })}</Link>
            {" · "}
            {p.replacedAt ? t("poster.since", { date: formatDateTime(new Date(p.replacedAt), i18n.language) }) : t("poster.none")}
            {p.replacedAt ? (
              <Form method="post" className="inline-form">
                {" "}
                <input type="hidden" name="entranceId" value={p.entranceId} />
                <button
                  type="submit"
                  name={INTENT_FIELD}
                  value="replace"
                  className="link-button"
                  aria-describedby="replace-hint"
                  aria-label={t("poster.replaceFor", { entrance: p.entranceName })}
                >
                  {t("poster.replace")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      <p id="replace-hint" className="hint">
        {t("poster.replaceHint")}
      </p>
    </div>
  );
}
