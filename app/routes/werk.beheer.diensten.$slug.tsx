import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary } from "~/components/forms";
import { getServiceConfig, ModelRefused, saveServiceConfig, serviceConfigSchema } from "~/modules/cases/service-admin.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { slug } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, "service", { name: args.data?.title, fallback: "serviceFallback" });
export const handle = { i18n: ["backoffice"] };

const guard = (request: Request) => requireStaffCan(request, "admin.manage");
const params = z.object({ slug });

export const loader = loaderOf({ guard, params, run: ({ actor, params }) => getServiceConfig(actor, params.slug) });

export const action = actionOf({
  guard,
  params,
  body: serviceConfigSchema,
  run: async ({ actor, params, body, values }) => {
    try {
      await saveServiceConfig(actor, params.slug, body);
    } catch (err) {
      // A model that is not sound: each problem is listed under the field.
      if (err instanceof ModelRefused) return data({ ok: false as const, errors: { statusModel: "backoffice:admin.refused" }, values, problems: err.problems }, { status: 400 });
      throw err;
    }
    return redirect("/werk/beheer/diensten?opgeslagen=1");
  },
});

export default function ServiceConfig() {
  const { t } = useTranslation("backoffice");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors as Record<string, string> | undefined;
  const values = (failed?.values ?? {}) as Record<string, string>;
  const problems = failed && "problems" in failed ? (failed.problems as { key: string; status?: string; target?: string }[]) : [];
  const err = (name: string) => errors?.[name];
  const describedBy = (id: string, hint: boolean) => [hint ? `${id}-hint` : null, err(id) ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/werk/beheer/diensten">{t("admin.back")}</Link>
      </p>
      <h1>{d.title}</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" className="stack" noValidate>
        <div className={`field${err("teamId") ? " field-error" : ""}`}>
          <label htmlFor="teamId">{t("admin.team")}</label>
          <p className="hint" id="teamId-hint">
            {t("admin.teamHint")}
          </p>
          {err("teamId") ? (
            <p className="error-message" id="teamId-error">
              {t(err("teamId")!)}
            </p>
          ) : null}
          <select id="teamId" name="teamId" defaultValue={values.teamId ?? d.teamId ?? ""} aria-describedby={describedBy("teamId", true)}>
            <option value="">{t("case.choose")}</option>
            {d.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${err("normDays") ? " field-error" : ""}`}>
          <label htmlFor="normDays">{t("admin.normDays")}</label>
          <p className="hint" id="normDays-hint">
            {t("admin.normHint")}
          </p>
          {err("normDays") ? (
            <p className="error-message" id="normDays-error">
              {t(err("normDays")!)}
            </p>
          ) : null}
          <input
            type="number"
            id="normDays"
            name="normDays"
            className="input-short"
            inputMode="numeric"
            defaultValue={values.normDays ?? String(d.normDays)}
            aria-describedby={describedBy("normDays", true)}
          />
        </div>
        <div className="field">
          <label htmlFor="requiredAssurance">{t("admin.requiredAssurance")}</label>
          <p className="hint" id="requiredAssurance-hint">
            {t("admin.requiredAssuranceHint")}
          </p>
          <select id="requiredAssurance" name="requiredAssurance" defaultValue={values.requiredAssurance ?? d.requiredAssurance} aria-describedby="requiredAssurance-hint">
            {(["low", "substantial", "high"] as const).map((level) => (
              <option key={level} value={level}>
                {t(`admin.assurance.${level}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${err("statusModel") ? " field-error" : ""}`}>
          <label htmlFor="statusModel">{t("admin.statusModel")}</label>
          <p className="hint" id="statusModel-hint">
            {t("admin.statusModelHint")}
          </p>
          {err("statusModel") ? (
            <div className="error-message" id="statusModel-error">
              <p>{t(err("statusModel")!)}</p>
              {problems.length ? (
                <ul>
                  {problems.map((p, i) => (
                    <li key={i}>{t(p.key, { status: p.status, target: p.target })}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <textarea
            id="statusModel"
            name="statusModel"
            rows={24}
            spellCheck={false}
            defaultValue={values.statusModel ?? d.statusModel}
            aria-describedby={describedBy("statusModel", true)}
          />
        </div>
        <div>
          <button type="submit" className="button" disabled={busy}>
            {t("admin.save")}
          </button>
        </div>
      </Form>
    </div>
  );
}
