import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/forms";
import { ActionDisclosure, Submit } from "./ActionDisclosure";
import { errorOf, valueOf, type ActionState } from "./state";

/** Ask the resident for information: the clock pauses until they answer. */
export function AskAction({ state }: { state: ActionState }) {
  const { t } = useTranslation("backoffice");
  const err = errorOf(state, "ask", "question");
  return (
    <ActionDisclosure intent="ask" title={t("case.askTitle")} hint={t("case.askHint")} state={state}>
      <Field id="ask-question" label={t("case.question")} error={err}>
        <textarea id="ask-question" name="question" rows={4} defaultValue={valueOf(state, "ask", "question")} aria-describedby={describedBy("ask-question", undefined, err)} />
      </Field>
      <Submit intent="ask" label={t("case.ask")} busy={state.busy} />
    </ActionDisclosure>
  );
}
