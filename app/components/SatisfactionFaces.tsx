import { useTranslation } from "react-i18next";

/** Mouth curves from very unhappy (1) to very happy (5). */
const MOUTHS: Record<number, string> = {
  1: "M8 17c1.5-3 6.5-3 8 0",
  2: "M8.5 16.5c1.5-1.5 5.5-1.5 7 0",
  3: "M8.5 16h7",
  4: "M8.5 15.5c1.5 1.5 5.5 1.5 7 0",
  5: "M8 15c1.5 3 6.5 3 8 0",
};

function Face({ score }: { score: number }) {
  return (
    <svg width={64} height={64} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" />
      <circle cx="9" cy="10" r="0.9" fill="currentColor" />
      <circle cx="15" cy="10" r="0.9" fill="currentColor" />
      <path d={MOUTHS[score]} />
    </svg>
  );
}

/**
 * Five labelled faces as submit buttons (name "score"): one tap sends the form. The text is
 * always next to the pictogram, so the choice never depends on the picture alone.
 */
export function SatisfactionFaces({ legend, disabled }: { legend: string; disabled?: boolean }) {
  const { t } = useTranslation("inbox");
  return (
    <fieldset className="faces">
      <legend>{legend}</legend>
      {[1, 2, 3, 4, 5].map((score) => (
        <button key={score} type="submit" name="score" value={score} className={`face face-${score}`} disabled={disabled}>
          <Face score={score} />
          <span>{t(`satisfaction.faces.${score}`)}</span>
        </button>
      ))}
    </fieldset>
  );
}
