import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/forms";
import { ActionDisclosure, Submit } from "./ActionDisclosure";
import { errorOf, valueOf, type ActionState } from "./state";

/** Only the internal sub-status of the current status: its own form, so the status list holds only real steps. */
export function SubStatusAction({ state, subStatuses, current }: { state: ActionState; subStatuses: string[]; current: string | null }) {
  const { t } = useTranslation("backoffice");
  const err = errorOf(state, "substatus", "subStatus");
  return (
    <ActionDisclosure intent="substatus" title={t("case.subStatusTitle")} state={state}>
      <Field id="substatus-subStatus" label={t("case.subStatus")} error={err} hint={t("case.subStatusHint")}>
        <select
          id="substatus-subStatus"
          name="subStatus"
          defaultValue={valueOf(state, "substatus", "subStatus") ?? current ?? ""}
          aria-describedby={describedBy("substatus-subStatus", true, err)}
        >
          <option value="">{t("case.none")}</option>
          {subStatuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <Submit intent="substatus" label={t("case.setSubStatus")} busy={state.busy} secondary />
    </ActionDisclosure>
  );
}
