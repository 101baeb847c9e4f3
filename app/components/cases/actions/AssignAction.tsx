import { useTranslation } from "react-i18next";
import { describedBy, Field } from "~/components/forms";
import { ActionDisclosure, Submit } from "./ActionDisclosure";
import { errorOf, valueOf, type ActionState } from "./state";

/** Give the case to a colleague, to another team, or to nobody. */
export function AssignAction({
  state,
  colleagues,
  teams,
  assigned,
}: {
  state: ActionState;
  colleagues: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  assigned: boolean;
}) {
  const { t } = useTranslation("backoffice");
  const errTarget = errorOf(state, "assign", "target");
  const errReason = errorOf(state, "assign", "reason");
  return (
    <ActionDisclosure intent="assign" title={t("case.whoTitle")} state={state}>
      <Field id="assign-target" label={t("case.assignTo")} error={errTarget}>
        <select id="assign-target" name="target" defaultValue={valueOf(state, "assign", "target") ?? ""} aria-describedby={describedBy("assign-target", undefined, errTarget)}>
          <option value="">{t("case.choose")}</option>
          <optgroup label={t("case.colleagues")}>
            {colleagues.map((u) => (
              <option key={u.id} value={`user:${u.id}`}>
                {u.name}
              </option>
            ))}
            {assigned ? <option value="none:">{t("case.unassign")}</option> : null}
          </optgroup>
          <optgroup label={t("case.otherTeams")}>
            {teams.map((team) => (
              <option key={team.id} value={`team:${team.id}`}>
                {team.name}
              </option>
            ))}
          </optgroup>
        </select>
      </Field>
      <Field id="assign-reason" label={t("case.reason")} error={errReason} hint={t("case.reasonInternal")}>
        <textarea id="assign-reason" name="reason" rows={2} defaultValue={valueOf(state, "assign", "reason")} aria-describedby={describedBy("assign-reason", true, errReason)} />
      </Field>
      <Submit intent="assign" label={t("case.assign")} busy={state.busy} secondary />
    </ActionDisclosure>
  );
}
