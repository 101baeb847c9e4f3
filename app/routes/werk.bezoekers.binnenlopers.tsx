import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxGroup, ErrorSummary, Notice } from "~/components/forms";
import { answerWalkIn, myWalkInBuildings, pendingWalkIns, setWalkInBuildings } from "~/modules/access/entrance.server";
import { listBuildings } from "~/modules/access/invitations.server";
import { formatDateTime } from "~/modules/access/time";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { can } from "~/modules/identity/permissions";
import { uuid } from "~/utils/ids";
import { actionOf, INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "walkIns");
export const handle = { i18n: ["access"] };

const guard = (request: Request) => requireStaffCan(request, "visitors.walkIns");

export const loader = loaderOf({
  guard,
  run: async ({ actor }) => {
    const isHost = can(actor, "visitors.host");
    const [pending, buildings, mine] = await Promise.all([pendingWalkIns(actor), isHost ? listBuildings() : [], isHost ? myWalkInBuildings(actor) : []]);
    return { pending: pending.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })), buildings, mine, isHost };
  },
});

const ids = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(uuid).max(100));
const actions = z.discriminatedUnion(INTENT_FIELD, [
  z.object({ [INTENT_FIELD]: z.literal("settings"), buildingId: ids }),
  z.object({ [INTENT_FIELD]: z.literal("approve"), walkInId: uuid }),
  z.object({ [INTENT_FIELD]: z.literal("refuse"), walkInId: uuid }),
]);

export const action = actionOf({
  guard,
  body: actions,
  run: async ({ actor, body }) => {
    if (body[INTENT_FIELD] === "settings") {
      await setWalkInBuildings(actor, body.buildingId);
      return redirect("/werk/bezoekers/binnenlopers?opgeslagen=1");
    }
    await answerWalkIn(actor, body.walkInId, body[INTENT_FIELD] === "approve");
    return redirect("/werk/bezoekers/binnenlopers?beantwoord=1");
  },
});

export default function WalkIns() {
  const { t, i18n } = useTranslation("access");
  const { pending, buildings, mine, isHost } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      {params.has("opgeslagen") ? <Notice>{t("walkIns.saved")}</Notice> : null}
      {params.has("beantwoord") ? <Notice>{t("walkIns.answered")}</Notice> : null}
      <h1>{t("walkIns.title")}</h1>
      <p>{t("walkIns.intro")}</p>
      <ErrorSummary errors={result && !result.ok ? result.errors : undefined} />
      <section aria-labelledby="pending-title" className="card">
        <h2 id="pending-title">{t("walkIns.pending")}</h2>
        {pending.length ? (
          <ul className="stack">
            {pending.map((w) => (
              <li key={w.id} data-walkin={w.id}>
                <p>
                  <strong>{w.visitorName}</strong> · {w.buildingName}, {w.entranceName} · {formatDateTime(new Date(w.createdAt), i18n.language)}
                  {w.forReception ? ` · ${t("walkIns.forReception")}` : ""}
                </p>
                <p>{w.purpose}</p>
                <Form method="post" className="inline-actions">
                  <input type="hidden" name="walkInId" value={w.id} />
                  <button type="submit" name={INTENT_FIELD} value="approve" className="button" aria-label={t("walkIns.approveFor", { name: w.visitorName })}>
                    {t("walkIns.approve")}
                  </button>{" "}
                  <button type="submit" name={INTENT_FIELD} value="refuse" className="button button-secondary" aria-label={t("walkIns.refuseFor", { name: w.visitorName })}>
                    {t("walkIns.refuse")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("walkIns.none")}</p>
        )}
      </section>
      {isHost ? (
        <section aria-labelledby="settings-title">
          <h2 id="settings-title">{t("walkIns.settings")}</h2>
          <p>{t("walkIns.settingsHint")}</p>
          <Form method="post">
            <input type="hidden" name={INTENT_FIELD} value="settings" />
            <CheckboxGroup name="buildingId" legend={t("walkIns.settings")} options={buildings.map((b) => ({ value: b.id, label: b.name }))} values={mine} />
            <button type="submit" className="button">
              {t("walkIns.save")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
