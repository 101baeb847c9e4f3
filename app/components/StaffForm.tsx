import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLE_VALUES } from "~/modules/identity/schemas";
import { useFormResult } from "./useFormResult";
import { CheckboxGroup, ErrorSummary, TextField } from "./forms";

export type StaffFormValues = { name?: string; email?: string; roles?: string[]; teamIds?: string[]; active?: boolean };

/** The staff account form; after a failed save it shows what the admin typed, not `initial`. */
export function StaffForm({ teams, initial, isNew }: { teams: { id: string; name: string }[]; initial: StaffFormValues; isNew: boolean }) {
  const { t } = useTranslation(["admin", "common"]);
  const { errors, rawValues: v, submitted, busy } = useFormResult();
  const values: StaffFormValues = submitted
    ? { name: v.name as string, email: v.email as string, roles: [v.roles ?? []].flat(), teamIds: [v.teamIds ?? []].flat(), active: v.active === "on" }
    : initial;
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={{ roles: `roles-${ROLE_VALUES[0]}`, teamIds: teams[0] ? `teamIds-${teams[0].id}` : "teamIds" }} />
      <Form method="post" noValidate className="stack">
        <TextField name="name" label={t("staff.name")} autoComplete="off" defaultValue={values.name} error={errors?.name} required />
        <TextField name="email" type="email" label={t("staff.email")} autoComplete="off" spellCheck={false} defaultValue={values.email} error={errors?.email} required />
        <CheckboxGroup
          name="roles"
          legend={t("staff.roles")}
          values={values.roles}
          error={errors?.roles}
          options={ROLE_VALUES.map((r) => ({ value: r, label: `${t(`roles.${r}`)}: ${t(`roleDescriptions.${r}`)}` }))}
        />
        <CheckboxGroup name="teamIds" legend={t("staff.teams")} values={values.teamIds} error={errors?.teamIds} options={teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
        <TextField
          name="password"
          type="password"
          label={isNew ? t("staff.password") : t("staff.newPassword")}
          hint={t("staff.passwordHint")}
          autoComplete="new-password"
          error={errors?.password}
        />
        <div className="choice">
          <input type="checkbox" id="active" name="active" value="on" defaultChecked={values.active ?? true} />
          <label htmlFor="active">{t("staff.activeLabel")}</label>
        </div>
        {errors?._form === "admin:errors.lastMember" ? (
          <div className="choice">
            <input type="checkbox" id="confirmLastMember" name="confirmLastMember" value="on" />
            <label htmlFor="confirmLastMember">{t("staff.confirmLastMember")}</label>
          </div>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {t("staff.save")}
        </button>
      </Form>
    </>
  );
}
