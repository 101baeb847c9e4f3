import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/forms";
import { ActionDisclosure, Submit } from "./ActionDisclosure";
import { errorOf, valueOf, type ActionState } from "./state";

/** The decision: an end status with a reason the resident reads; it closes the case. */
export function DecideAction({ state, decisions, statusLabel }: { state: ActionState; decisions: { key: string }[]; statusLabel: (key: string) => string }) {
  const { t } = useTranslation("backoffice");
  const errTo = errorOf(state, "decide", "to");
  const errReason = errorOf(state, "decide", "reason");
  return (
    <ActionDisclosure intent="decide" title={t("case.decideTitle")} hint={t("case.decideHint")} state={state}>
      <fieldset className={`field${errTo ? " field-error" : ""}`} id="decide-to" aria-describedby={errTo ? "decide-to-error" : undefined}>
        <legend>{t("case.result")}</legend>
        {errTo ? (
          <p className="error-message" id="decide-to-error">
            {t(errTo)}
          </p>
        ) : null}
        {decisions.map((s) => (
          <div className="choice" key={s.key}>
            <input type="radio" id={`decide-to-${s.key}`} name="to" value={s.key} defaultChecked={valueOf(state, "decide", "to") === s.key} />
            <label htmlFor={`decide-to-${s.key}`}>{statusLabel(s.key)}</label>
          </div>
        ))}
      </fieldset>
      <Field id="decide-reason" label={t("case.decisionReason")} error={errReason} hint={t("case.decisionReasonHint")}>
        <textarea id="decide-reason" name="reason" rows={4} defaultValue={valueOf(state, "decide", "reason")} aria-describedby={describedBy("decide-reason", true, errReason)} />
      </Field>
      <Submit intent="decide" label={t("case.decide")} busy={state.busy} />
    </ActionDisclosure>
  );
}
