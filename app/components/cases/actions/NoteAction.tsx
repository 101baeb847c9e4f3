import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/forms";
import { ActionDisclosure, Submit } from "./ActionDisclosure";
import { errorOf, valueOf, type ActionState } from "./state";

/** An internal note for colleagues; the resident never sees it. */
export function NoteAction({ state }: { state: ActionState }) {
  const { t } = useTranslation("backoffice");
  const err = errorOf(state, "note", "body");
  return (
    <ActionDisclosure intent="note" title={t("case.noteTitle")} state={state} versioned={false}>
      <Field id="note-body" label={t("case.noteLabel")} error={err} hint={t("case.noteHint")}>
        <textarea id="note-body" name="body" rows={3} defaultValue={valueOf(state, "note", "body")} aria-describedby={describedBy("note-body", true, err)} />
      </Field>
      <Submit intent="note" label={t("case.addNote")} busy={state.busy} secondary />
    </ActionDisclosure>
  );
}
