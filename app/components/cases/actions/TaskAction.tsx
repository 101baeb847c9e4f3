import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/forms";
import { MANUAL_TASK_KINDS_LIST } from "~/modules/cases/task-kinds";
import { ActionDisclosure, Submit } from "./ActionDisclosure";
import { errorOf, valueOf, type ActionState } from "./state";

/** A task for the front office (call the resident, check at the counter …). */
export function TaskAction({ state }: { state: ActionState }) {
  const { t } = useTranslation("backoffice");
  const err = (name: string) => errorOf(state, "task", name);
  return (
    <ActionDisclosure intent="task" title={t("case.taskTitle")} hint={t("case.taskHint")} state={state} versioned={false}>
      <Field id="task-kind" label={t("case.taskKind")} error={err("kind")}>
        <select id="task-kind" name="kind" defaultValue={valueOf(state, "task", "kind") ?? ""} aria-describedby={describedBy("task-kind", undefined, err("kind"))}>
          <option value="">{t("case.choose")}</option>
          {MANUAL_TASK_KINDS_LIST.map((k) => (
            <option key={k} value={k}>
              {t(`tasks.kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="task-note" label={t("case.taskNote")} error={err("note")}>
        <textarea id="task-note" name="note" rows={2} defaultValue={valueOf(state, "task", "note")} aria-describedby={describedBy("task-note", undefined, err("note"))} />
      </Field>
      <Field id="task-dueDate" label={t("case.taskDue")} error={err("dueDate")} hint={t("case.dateHint")}>
        <input
          type="date"
          id="task-dueDate"
          name="dueDate"
          className="input-short"
          defaultValue={valueOf(state, "task", "dueDate")}
          aria-describedby={describedBy("task-dueDate", true, err("dueDate"))}
        />
      </Field>
      <Submit intent="task" label={t("case.createTask")} busy={state.busy} secondary />
    </ActionDisclosure>
  );
}
