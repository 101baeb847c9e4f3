import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms";
import { errorsFor, type FormState } from "./form-state";

/** The desks: rename, (de)activate, add. */
export function DesksSection({ desks, f }: { desks: { id: string; name: string; active: boolean }[]; f: FormState }) {
  const { t } = useTranslation("counteradmin");
  return (
    <section className="stack" aria-labelledby="desks-title">
      <h2 id="desks-title">{t("desks.title")}</h2>
      <ErrorSummary errors={errorsFor(f, "renameDesk", "deskActive")} fieldIds={{ deskName: `deskName-${f.values.deskId ?? ""}` }} />
      <ul className="card-list">
        {desks.map((desk) => (
          <li key={desk.id} className="card">
            <Form method="post" noValidate className="actions">
              <input type="hidden" name="deskId" value={desk.id} />
              <TextField
                name="deskName"
                id={`deskName-${desk.id}`}
                label={t("desks.nameOf", { name: desk.name })}
                defaultValue={f.failed === "renameDesk" && f.values.deskId === desk.id ? f.values.deskName : desk.name}
                error={f.values.deskId === desk.id ? errorsFor(f, "renameDesk")?.deskName : undefined}
                required
              />
              <button type="submit" className="button button-secondary" name="_intent" value="renameDesk">
                {t("desks.rename")}
              </button>
            </Form>
            <Form method="post" className="actions">
              <input type="hidden" name="deskId" value={desk.id} />
              <input type="hidden" name="active" value={desk.active ? "false" : "true"} />
              <span>{desk.active ? t("desks.active") : t("desks.inactive")}</span>
              <button type="submit" className="link-button" name="_intent" value="deskActive">
                {desk.active ? t("desks.deactivate", { name: desk.name }) : t("desks.activate", { name: desk.name })}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <section className="card narrow" aria-labelledby="new-desk">
        <h3 id="new-desk">{t("desks.add")}</h3>
        <ErrorSummary errors={errorsFor(f, "addDesk")} />
        <Form method="post" noValidate className="stack">
          <TextField
            name="deskName"
            label={t("desks.name")}
            hint={t("desks.nameHint")}
            defaultValue={f.failed === "addDesk" ? f.values.deskName : undefined}
            error={errorsFor(f, "addDesk")?.deskName}
            required
          />
          <div>
            <button type="submit" className="button" name="_intent" value="addDesk">
              {t("desks.addButton")}
            </button>
          </div>
        </Form>
      </section>
    </section>
  );
}
