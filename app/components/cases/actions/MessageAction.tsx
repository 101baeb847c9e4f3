import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/forms";
import { ActionDisclosure, Submit } from "./ActionDisclosure";
import { errorOf, valueOf, type ActionState } from "./state";

/** A message to the resident (they read it on their case page). */
export function MessageAction({ state }: { state: ActionState }) {
  const { t } = useTranslation("backoffice");
  const err = errorOf(state, "message", "body");
  return (
    <ActionDisclosure intent="message" title={t("case.messageTitle")} state={state}>
      <Field id="message-body" label={t("case.messageLabel")} error={err} hint={t("case.messageHint")}>
        <textarea id="message-body" name="body" rows={4} defaultValue={valueOf(state, "message", "body")} aria-describedby={describedBy("message-body", true, err)} />
      </Field>
      <Submit intent="message" label={t("case.sendMessage")} busy={state.busy} secondary />
    </ActionDisclosure>
  );
}
