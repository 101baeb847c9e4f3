import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/forms";
import { ActionDisclosure, Submit } from "./ActionDisclosure";
import { errorOf, valueOf, type ActionState } from "./state";

/** Pause the clock (with a reason), or let it run again when it is paused. */
export function ClockAction({ state, paused }: { state: ActionState; paused: boolean }) {
  const { t } = useTranslation("backoffice");
  const err = errorOf(state, "pause", "reason");
  if (paused) {
    return (
      <ActionDisclosure intent="resume" title={t("case.clockTitle")} state={state}>
        <p>{t("case.clockPaused")}</p>
        <Submit intent="resume" label={t("case.resume")} busy={state.busy} secondary />
      </ActionDisclosure>
    );
  }
  return (
    <ActionDisclosure intent="pause" title={t("case.clockTitle")} state={state}>
      <Field id="pause-reason" label={t("case.pauseReason")} error={err} hint={t("case.reasonInternal")}>
        <textarea id="pause-reason" name="reason" rows={2} defaultValue={valueOf(state, "pause", "reason")} aria-describedby={describedBy("pause-reason", true, err)} />
      </Field>
      <Submit intent="pause" label={t("case.pause")} busy={state.busy} secondary />
    </ActionDisclosure>
  );
}
