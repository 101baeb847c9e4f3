import { useTranslation } from "react-i18next";
import { AskAction } from "./actions/AskAction";
import { AssignAction } from "./actions/AssignAction";
import { ClockAction } from "./actions/ClockAction";
import { DecideAction } from "./actions/DecideAction";
import { ExtendAction } from "./actions/ExtendAction";
import { MessageAction } from "./actions/MessageAction";
import { MoveAction } from "./actions/MoveAction";
import { NoteAction } from "./actions/NoteAction";
import { SubStatusAction } from "./actions/SubStatusAction";
import { TaskAction } from "./actions/TaskAction";
import type { ActionState } from "./actions/state";
import type { CaseView } from "./types";

/** What the agent can do with the case, one action at a time (or why they only read it). */
export function CaseActions({ d, state, statusLabel }: { d: CaseView; state: ActionState; statusLabel: (key: unknown) => string }) {
  const { t } = useTranslation("backoffice");
  if (!d.canEdit) {
    return (
      <section className="card" aria-labelledby="readonly-title">
        <h2 id="readonly-title">{t("case.readonlyTitle")}</h2>
        <p>{d.closedAt ? t("case.readonlyClosed") : t("case.readonlyFront")}</p>
      </section>
    );
  }
  return (
    <div className="stack" aria-labelledby="actions-title" role="group">
      <h2 id="actions-title">{t("case.actionsTitle")}</h2>
      <p className="hint">{t("case.actionsHint")}</p>
      <AskAction state={state} />
      {d.moves.length ? <MoveAction state={state} moves={d.moves} statusLabel={statusLabel} /> : null}
      {d.decisions.length ? <DecideAction state={state} decisions={d.decisions} statusLabel={statusLabel} /> : null}
      <MessageAction state={state} />
      <NoteAction state={state} />
      <AssignAction state={state} colleagues={d.colleagues} teams={d.teams} assigned={d.assigneeId !== null} />
      {d.subStatuses.length ? <SubStatusAction state={state} subStatuses={d.subStatuses} current={d.subStatus} /> : null}
      <ClockAction state={state} paused={d.waitingSince !== null} />
      <ExtendAction state={state} />
      <TaskAction state={state} />
    </div>
  );
}
