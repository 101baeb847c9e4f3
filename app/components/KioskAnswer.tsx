import { useTranslation } from "react-i18next";

export type KioskAnswerView = { outcome: string; hostName?: string; visitorName?: string };

const TONE: Record<string, "ok" | "wait" | "stop"> = { welcome: "ok", goodbye: "ok", not_yet_valid: "wait", rate_limited: "wait" };
const ICON = { ok: "✓", wait: "!", stop: "✕" } as const;

/** The kiosk's answer: big plain words, colour AND an icon (never colour alone). */
export function KioskAnswer({ answer }: { answer: KioskAnswerView }) {
  const { t } = useTranslation("access");
  const tone = TONE[answer.outcome] ?? "stop";
  return (
    <div className={`kiosk-answer kiosk-answer-${tone}`} role="status" aria-live="assertive" aria-atomic="true" data-outcome={answer.outcome}>
      <span className="kiosk-icon" aria-hidden="true">
        {ICON[tone]}
      </span>
      <div>
        <h2 className="kiosk-answer-title">{t(`outcomes.${answer.outcome}.title`)}</h2>
        <p className="kiosk-answer-body">{t(`outcomes.${answer.outcome}.body`, { visitor: answer.visitorName ?? "", host: answer.hostName ?? "" })}</p>
        {tone === "ok" ? null : <p>{t("outcomes.askDesk")}</p>}
      </div>
    </div>
  );
}
