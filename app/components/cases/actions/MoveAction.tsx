import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/forms";
import { ActionDisclosure, Submit } from "./ActionDisclosure";
import { errorOf, valueOf, type ActionState } from "./state";

/** A step to a next status (the resident reads it), optionally with a sub-status of that status. */
export function MoveAction({ state, moves, statusLabel }: { state: ActionState; moves: { key: string; subStatuses: string[] }[]; statusLabel: (key: string) => string }) {
  const { t } = useTranslation("backoffice");
  const err = (name: string) => errorOf(state, "move", name);
  const subStatuses = [...new Set(moves.flatMap((s) => s.subStatuses))];
  return (
    <ActionDisclosure intent="move" title={t("case.moveTitle")} state={state}>
      <Field id="move-to" label={t("case.newStatus")} error={err("to")}>
        <select id="move-to" name="to" defaultValue={valueOf(state, "move", "to") ?? ""} aria-describedby={describedBy("move-to", undefined, err("to"))}>
          <option value="">{t("case.choose")}</option>
          {moves.map((s) => (
            <option key={s.key} value={s.key}>
              {statusLabel(s.key)}
            </option>
          ))}
        </select>
      </Field>
      {subStatuses.length ? (
        <Field id="move-subStatus" label={t("case.subStatus")} error={err("subStatus")} hint={t("case.subStatusHint")}>
          <select
            id="move-subStatus"
            name="subStatus"
            defaultValue={valueOf(state, "move", "subStatus") ?? ""}
            aria-describedby={describedBy("move-subStatus", true, err("subStatus"))}
          >
            <option value="">{t("case.none")}</option>
            {subStatuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field id="move-note" label={t("case.noteForResident")} error={err("note")} hint={t("case.optionalVisible")}>
        <textarea id="move-note" name="note" rows={3} defaultValue={valueOf(state, "move", "note")} aria-describedby={describedBy("move-note", true, err("note"))} />
      </Field>
      <Submit intent="move" label={t("case.move")} busy={state.busy} />
    </ActionDisclosure>
  );
}
