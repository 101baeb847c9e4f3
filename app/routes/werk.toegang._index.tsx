import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { BuildingInfoForm } from "~/components/BuildingInfoForm";
import { RowAction } from "~/components/RowAction";
import { ErrorSummary, Notice, RadioGroup, TextField } from "~/components/forms";
import { listBuildings, listEntrances, updateBuildingInfo } from "~/modules/access/invitations.server";
import { listKiosks, registerKiosk, revokeKiosk } from "~/modules/access/kiosks.server";
import { listOfflineConflicts, markOfflineConflictHandled } from "~/modules/access/offline.server";
import { buildingInfoSchema, kioskSchema } from "~/modules/access/schemas";
import { formatDateTime } from "~/modules/access/time";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { can } from "~/modules/identity/permissions";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "buildingAccess");
export const handle = { i18n: ["access"] };

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "access.presence"),
  run: async ({ actor }) => {
    const isAdmin = can(actor, "admin.manage");
    const [buildings, entrances, kiosks, conflicts] = await Promise.all([
      listBuildings(),
      isAdmin ? listEntrances() : [],
      isAdmin ? listKiosks(actor) : [],
      isAdmin ? listOfflineConflicts(actor) : [],
    ]);
    return { buildings, entrances, kiosks, conflicts, isAdmin };
  },
});

const accessActions = z.discriminatedUnion("_intent", [
  z.object({ _intent: z.literal("revoke"), kioskId: uuid }),
  z.object({ _intent: z.literal("conflictHandled"), conflictId: uuid }),
  kioskSchema.extend({ _intent: z.literal("register") }),
  buildingInfoSchema.extend({ _intent: z.literal("building") }),
]);

export const action = actionOf({
  guard: (request) => requireStaffCan(request, "admin.manage"),
  body: accessActions,
  run: async ({ actor, body }) => {
    if (body._intent === "revoke") {
      await revokeKiosk(actor, body.kioskId);
      return redirect("/werk/toegang?ingetrokken=1");
    }
    if (body._intent === "conflictHandled") {
      await markOfflineConflictHandled(actor, body.conflictId);
      return redirect("/werk/toegang?conflict=1#conflicts-title");
    }
    if (body._intent === "building") {
      await updateBuildingInfo(actor, body);
      return redirect("/werk/toegang?gebouw=1#buildings-title");
    }
    const created = await registerKiosk(actor, body);
    // Shown once, in this response only; never stored in clear.
    return data({ ok: true as const, credential: created.credential }, { headers: { "Cache-Control": "no-store" } });
  },
});

export default function AccessAdmin() {
  const { t, i18n } = useTranslation("access");
  const { buildings, entrances, kiosks, conflicts, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = result && !result.ok ? result.errors : undefined;
  const v = (result && !result.ok ? result.values : {}) as Record<string, string>;
  return (
    <div className="stack">
      {params.has("ingetrokken") ? <Notice>{t("admin.kioskRevoked")}</Notice> : null}
      {params.has("gebouw") ? <Notice>{t("admin.buildingSaved")}</Notice> : null}
      {params.has("conflict") ? <Notice>{t("admin.conflicts.handledNotice")}</Notice> : null}
      <h1>{t("admin.title")}</h1>
      <section aria-labelledby="presence-title">
        <h2 id="presence-title">{t("admin.presence")}</h2>
        <ul>
          {buildings.map((b) => (
            <li key={b.id}>
              <Link to={`/werk/toegang/aanwezig/${b.id}`}>{b.name}</Link>
            </li>
          ))}
        </ul>
      </section>
      {isAdmin ? (
        <>
          <section aria-labelledby="buildings-title" className="stack narrow">
            <h2 id="buildings-title">{t("admin.buildings")}</h2>
            <p>{t("admin.buildingsIntro")}</p>
            {buildings.map((b) => (
              <BuildingInfoForm key={b.id} building={b} />
            ))}
          </section>
          <p>
            <Link to="/werk/toegang/affiches">{t("poster.title")}</Link>
          </p>
          <section aria-labelledby="kiosks-title">
            <h2 id="kiosks-title">{t("admin.kiosks")}</h2>
            {kiosks.length ? (
              <div className="table-scroll" role="region" aria-labelledby="kiosks-title" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.colName")}</th>
                      <th scope="col">{t("admin.colEntrance")}</th>
                      <th scope="col">{t("admin.colMode")}</th>
                      <th scope="col">{t("admin.colStatus")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {kiosks.map((k) => (
                      <tr key={k.id}>
                        <td>{k.name}</td>
                        <td>
                          {k.buildingName}, {k.entranceName}
                        </td>
                        <td>{k.mode === "exit" ? t("admin.modeExit") : t("admin.modeEntry")}</td>
                        <td>
                          {k.revokedAt ? (
                            `${t("admin.revokedOn")} ${formatDateTime(new Date(k.revokedAt), i18n.language)}`
                          ) : (
                            <RowAction intent="revoke" fields={{ kioskId: k.id }} label={t("admin.revokeLabel", { name: k.name })} before={<>{t("admin.active")} </>}>
                              {t("admin.revoke")}
                            </RowAction>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{t("admin.noKiosks")}</p>
            )}
          </section>
          <section aria-labelledby="conflicts-title" className="stack">
            <h2 id="conflicts-title">{t("admin.conflicts.title")}</h2>
            <p className="narrow">{t("admin.conflicts.intro")}</p>
            {conflicts.length ? (
              <div className="table-scroll" role="region" aria-labelledby="conflicts-title" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.conflicts.colDate")}</th>
                      <th scope="col">{t("admin.conflicts.colPass")}</th>
                      <th scope="col">{t("admin.conflicts.colKiosks")}</th>
                      <th scope="col">{t("admin.conflicts.colKind")}</th>
                      <th scope="col">{t("admin.conflicts.colStatus")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {conflicts.map((c) => (
                      <tr key={c.id}>
                        <td>{formatDateTime(new Date(c.scannedAt), i18n.language)}</td>
                        <td>
                          <code>{c.passRef}</code> · {c.visitorName || t("admin.conflicts.erased")} · {c.buildingName}
                        </td>
                        <td>{c.kiosks}</td>
                        <td>{t(`admin.conflicts.kind_${c.kind}`)}</td>
                        <td>
                          {c.handled ? (
                            t("admin.conflicts.handledBy", { date: formatDateTime(new Date(c.handled.at), i18n.language), name: c.handled.byName ?? t("admin.conflicts.someone") })
                          ) : (
                            <RowAction
                              intent="conflictHandled"
                              fields={{ conflictId: c.id }}
                              before={<span>{t("admin.conflicts.open")} </span>}
                              label={t("admin.conflicts.markHandledFor", { pass: c.passRef })}
                            >
                              {t("admin.conflicts.markHandled")}
                            </RowAction>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p>{t("admin.conflicts.none")}</p>
            )}
          </section>
          <section aria-labelledby="register-title" className="stack narrow">
            <h2 id="register-title">{t("admin.register")}</h2>
            {result && result.ok ? (
              <div className="notice" role="status">
                <h3>{t("admin.credentialTitle")}</h3>
                <p>{t("admin.credentialOnce")}</p>
                <p className="pass-token">
                  <code data-testid="kiosk-credential">{result.credential}</code>
                </p>
              </div>
            ) : null}
            <ErrorSummary errors={errors} />
            <Form method="post" noValidate>
              <input type="hidden" name="_intent" value="register" />
              <RadioGroup
                name="entranceId"
                legend={t("admin.entrance")}
                options={entrances.map((e) => ({ value: e.id, label: `${e.buildingName}, ${e.name}` }))}
                value={v.entranceId}
                error={errors?.entranceId}
              />
              <TextField name="name" label={t("admin.name")} hint={t("admin.nameHint")} defaultValue={v.name} error={errors?.name} />
              <RadioGroup
                name="mode"
                legend={t("admin.mode")}
                options={[
                  { value: "entry", label: t("admin.modeEntry") },
                  { value: "exit", label: t("admin.modeExit") },
                ]}
                value={v.mode ?? "entry"}
                error={errors?.mode}
              />
              <button type="submit" className="button">
                {t("admin.register")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
