import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ROLE_VALUES } from "~/modules/identity/schemas";
import { CheckboxGroup, ErrorSummary, TextField } from "./forms";

export type StaffFormValues = { name?: string; email?: string; roles?: string[]; teamIds?: string[]; active?: boolean };

export function StaffForm({
  teams,
  values,
  errors,
  isNew,
}: {
  teams: { id: string; name: string }[];
  values: StaffFormValues;
  errors?: Record<string, string>;
  isNew: boolean;
}) {
  const { t } = useTranslation(["admin", "common"]);
  const busy = useNavigation().state === "submitting";
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
        <button type="submit" className="button" disabled={busy}>
          {t("staff.save")}
        </button>
      </Form>
    </>
  );
}
