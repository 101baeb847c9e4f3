import { useTranslation } from "react-i18next";
import { brusselsFormat } from "~/utils/brussels-format";
import { textOf } from "~/modules/cases/events";
import type { CaseView } from "./types";

type CaseEvent = CaseView["events"][number];

/** The case's history, newest last: every event in words, marked internal or visible to the resident. */
export function CaseTimeline({ events, names, statusLabel }: { events: CaseEvent[]; names: Record<string, string>; statusLabel: (key: unknown) => string }) {
  const { t, i18n } = useTranslation("backoffice");
  const date = brusselsFormat(i18n.language, "longDate");
  const dateTime = brusselsFormat(i18n.language, "dateTime");
  const name = (id: unknown) => (typeof id === "string" ? (names[id] ?? "—") : t("queue.nobody"));

  const describe = (e: CaseEvent): string => {
    switch (e.type) {
      case "status-changed":
        return t("events.status-changed", { from: statusLabel(e.data.from), to: statusLabel(e.data.to) });
      case "assigned":
        return e.data.claimed ? t("events.claimed") : t("events.assigned", { to: name(e.data.to) });
      case "team-changed":
        return t("events.team-changed", { from: name(e.data.from), to: name(e.data.to) });
      case "clock-resumed":
        return t("events.clock-resumed", { date: date.format(new Date(e.data.dueAt)) });
      case "deadline-extended":
        return t("events.deadline-extended", { date: date.format(new Date(e.data.to)) });
      case "task-created":
      case "task-done":
        return t(`events.${e.type}`, { task: t(`tasks.kinds.${e.data.kind}`) });
      case "sub-status-changed":
        return t("events.sub-status-changed", { subStatus: e.data.subStatus ?? "—" });
      case "rated":
        return t("events.rated", { score: e.data.score });
      case "legacy":
        // A row no current type describes: its stored type in words if known, else as stored.
        return t(`events.${e.storedType}`, { defaultValue: e.storedType });
      default:
        return t(`events.${e.type}`, { defaultValue: e.type });
    }
  };
  const detail = (e: CaseEvent) => {
    const body = textOf(e);
    return body ? <p className="pre-line">{body}</p> : null;
  };

  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("case.timelineTitle")}</h2>
      <p className="hint">{t("case.timelineHint")}</p>
      <ol className="event-list">
        {events.map((e) => (
          <li key={e.id} className={e.visibility === "internal" ? "event-internal" : "event-resident"}>
            <span className="event-tag">{e.visibility === "internal" ? t("case.internal") : t("case.visible")}</span>
            <div className="muted">
              {dateTime.format(new Date(e.at))} · {e.actorName ?? t("case.system")}
            </div>
            <div>{describe(e)}</div>
            {detail(e)}
          </li>
        ))}
      </ol>
    </section>
  );
}
