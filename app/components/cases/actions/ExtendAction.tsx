import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/forms";
import { ActionDisclosure, Submit } from "./ActionDisclosure";
import { errorOf, valueOf, type ActionState } from "./state";

/** A later due date, with the reason the resident reads. */
export function ExtendAction({ state }: { state: ActionState }) {
  const { t } = useTranslation("backoffice");
  const err = (name: string) => errorOf(state, "extend", name);
  return (
    <ActionDisclosure intent="extend" title={t("case.extendTitle")} state={state}>
      <Field id="extend-dueDate" label={t("case.newDue")} error={err("dueDate")} hint={t("case.dateHint")}>
        <input
          type="date"
          id="extend-dueDate"
          name="dueDate"
          className="input-short"
          defaultValue={valueOf(state, "extend", "dueDate")}
          aria-describedby={describedBy("extend-dueDate", true, err("dueDate"))}
        />
      </Field>
      <Field id="extend-reason" label={t("case.extendReason")} error={err("reason")} hint={t("case.extendReasonHint")}>
        <textarea
          id="extend-reason"
          name="reason"
          rows={3}
          defaultValue={valueOf(state, "extend", "reason")}
          aria-describedby={describedBy("extend-reason", true, err("reason"))}
        />
      </Field>
      <Submit intent="extend" label={t("case.extend")} busy={state.busy} secondary />
    </ActionDisclosure>
  );
}
