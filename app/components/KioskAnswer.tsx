import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** `offline`: the kiosk decided by itself, without network (useOfflineKiosk): no names, and a visible mark. */
export type KioskAnswerView = { outcome: string; hostName?: string; visitorName?: string; offline?: boolean };

const TONE: Record<string, "ok" | "wait" | "stop"> = { welcome: "ok", goodbye: "ok", not_yet_valid: "wait", rate_limited: "wait" };
const ICON = { ok: "✓", wait: "!", stop: "✕" } as const;

/**
 * How long a door answer (with the visitor's name) stays on the screen. Long enough to read,
 * short enough that the next person in the queue does not see who came before.
 */
export const KIOSK_ANSWER_SECONDS = 6;
/** Answers about the kiosk itself stay: they are for staff, and name nobody. */
const STAYS = new Set(["kiosk_revoked"]);

/**
 * The kiosk's answer: big plain words, colour AND an icon (never colour alone). After
 * KIOSK_ANSWER_SECONDS it clears itself back to the instruction; without JavaScript the
 * kiosk route's `Refresh` header (kioskAnswerClears) loads the empty kiosk page.
 */
export function KioskAnswer({ answer }: { answer: KioskAnswerView }) {
  const { t } = useTranslation("access");
  const tone = TONE[answer.outcome] ?? "stop";
  const clears = !STAYS.has(answer.outcome);
  const [shown, setShown] = useState(true);
  useEffect(() => {
    setShown(true);
    if (!clears) return;
    const timer = setTimeout(() => setShown(false), KIOSK_ANSWER_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [answer, clears]);
  if (!shown) return <p className="kiosk-instruction">{t("kiosk.instruction")}</p>;
  return (
    <div className={`kiosk-answer kiosk-answer-${tone}`} role="status" aria-live="assertive" aria-atomic="true" data-outcome={answer.outcome}>
      <span className="kiosk-icon" aria-hidden="true">
        {ICON[tone]}
      </span>
      <div>
        <h2 className="kiosk-answer-title">{t(`outcomes.${answer.outcome}.title`)}</h2>
        <p className="kiosk-answer-body">
          {answer.offline && tone === "ok"
            ? t(`kiosk.offline.${answer.outcome}`)
            : t(`outcomes.${answer.outcome}.body`, { visitor: answer.visitorName ?? "", host: answer.hostName ?? "" })}
        </p>
        {tone === "ok" ? null : <p>{t("outcomes.askDesk")}</p>}
        {answer.offline ? <p className="kiosk-offline-mark">{t("kiosk.offline.mark")}</p> : null}
      </div>
    </div>
  );
}

/** Whether an answer clears itself (the kiosk route then also sends a `Refresh` header for pages without JavaScript). */
export const kioskAnswerClears = (outcome: string) => !STAYS.has(outcome);
