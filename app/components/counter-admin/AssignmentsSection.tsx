import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms";
import { RowAction } from "~/components/RowAction";
import { errorsFor, type FormState } from "./form-state";

type Props = {
  day: string;
  themes: { id: string; active: boolean }[];
  desks: { id: string; name: string; active: boolean }[];
  agents: { id: string; name: string }[];
  assignments: { deskId: string; deskName: string; userName: string; themeIds: string[] }[];
  themeName: (id: string) => string;
  f: FormState;
};

/** Who sits at which desk on a day, for which themes. */
export function AssignmentsSection({ day, themes, desks, agents, assignments, themeName, f }: Props) {
  const { t } = useTranslation("counteradmin");
  const assignValues = f.failed === "assign" ? f.values : ({} as Record<string, string>);
  const chosenThemes = f.failed === "assign" ? ([] as string[]).concat(f.rawValues.themeIds ?? []) : [];
  return (
    <section className="stack" aria-labelledby="assign-title">
      <h2 id="assign-title">{t("assign.title")}</h2>
      <Form method="get" className="actions" aria-label={t("assign.pickDay")}>
        <div className="field">
          <label htmlFor="dag">{t("assign.day")}</label>
          <input type="date" id="dag" name="dag" defaultValue={day} />
        </div>
        <button type="submit" className="button button-secondary">
          {t("assign.show")}
        </button>
      </Form>
      <ErrorSummary errors={errorsFor(f, "unassign")} />
      {assignments.length ? (
        <div className="table-scroll" role="region" aria-labelledby="assign-caption" tabIndex={0}>
          <table className="case-table">
            <caption id="assign-caption">{t("assign.caption", { day })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("assign.desk")}</th>
                <th scope="col">{t("assign.agent")}</th>
                <th scope="col">{t("assign.themes")}</th>
                <th scope="col">{t("themes.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.deskId}>
                  <td>{a.deskName}</td>
                  <td>{a.userName}</td>
                  <td>{a.themeIds.map(themeName).join(", ")}</td>
                  <td>
                    <RowAction intent="unassign" fields={{ deskId: a.deskId, day }}>
                      {t("assign.clear", { desk: a.deskName })}
                    </RowAction>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("assign.none", { day })}</p>
      )}
      <section className="card narrow" aria-labelledby="assign-new">
        <h3 id="assign-new">{t("assign.add")}</h3>
        <ErrorSummary
          errors={errorsFor(f, "assign")}
          fieldIds={{
            themeIds: themes.find((x) => x.active) ? `themeIds-${themes.find((x) => x.active)!.id}` : "themeIds",
            userId: "assign-user",
            deskId: "assign-desk",
            day: "assign-day",
          }}
        />
        <Form method="post" noValidate className="stack">
          <TextField type="date" name="day" id="assign-day" label={t("assign.day")} defaultValue={assignValues.day ?? day} error={errorsFor(f, "assign")?.day} required />
          <div className={`field${errorsFor(f, "assign")?.userId ? " field-error" : ""}`}>
            <label htmlFor="assign-user">{t("assign.agent")}</label>
            {errorsFor(f, "assign")?.userId ? (
              <p className="error-message" id="assign-user-error">
                {t(errorsFor(f, "assign")!.userId!)}
              </p>
            ) : null}
            <select id="assign-user" name="userId" defaultValue={assignValues.userId ?? ""} aria-describedby={errorsFor(f, "assign")?.userId ? "assign-user-error" : undefined}>
              <option value="">{t("assign.choose")}</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${errorsFor(f, "assign")?.deskId ? " field-error" : ""}`}>
            <label htmlFor="assign-desk">{t("assign.desk")}</label>
            {errorsFor(f, "assign")?.deskId ? (
              <p className="error-message" id="assign-desk-error">
                {t(errorsFor(f, "assign")!.deskId!)}
              </p>
            ) : null}
            <select id="assign-desk" name="deskId" defaultValue={assignValues.deskId ?? ""} aria-describedby={errorsFor(f, "assign")?.deskId ? "assign-desk-error" : undefined}>
              <option value="">{t("assign.choose")}</option>
              {desks
                .filter((d) => d.active)
                .map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
            </select>
          </div>
          <fieldset className={`field${errorsFor(f, "assign")?.themeIds ? " field-error" : ""}`} id="themeIds">
            <legend>{t("assign.themes")}</legend>
            {errorsFor(f, "assign")?.themeIds ? <p className="error-message">{t(errorsFor(f, "assign")!.themeIds!)}</p> : null}
            {themes
              .filter((theme) => theme.active)
              .map((theme) => (
                <div className="choice" key={theme.id}>
                  <input type="checkbox" name="themeIds" id={`themeIds-${theme.id}`} value={theme.id} defaultChecked={chosenThemes.includes(theme.id)} />
                  <label htmlFor={`themeIds-${theme.id}`}>{themeName(theme.id)}</label>
                </div>
              ))}
          </fieldset>
          <div>
            <button type="submit" className="button" name="_intent" value="assign">
              {t("assign.save")}
            </button>
          </div>
        </Form>
      </section>
    </section>
  );
}
