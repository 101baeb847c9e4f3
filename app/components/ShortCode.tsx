import { useTranslation } from "react-i18next";

/**
 * The pass's short code, for when the camera fails: big, grouped ("K7M2-9QXH-3") and spelled
 * in the alphabet without look-alikes (short-code.ts).
 */
export function ShortCode({ code }: { code: string }) {
  const { t } = useTranslation("access");
  return (
    <section aria-labelledby="short-code-title" className="short-code">
      <h2 id="short-code-title">{t("pass.shortCodeTitle")}</h2>
      <p>{t("pass.shortCodeHint")}</p>
      <p className="short-code-value" data-testid="short-code">
        <code>{code}</code>
      </p>
    </section>
  );
}
