import { useTranslation } from "react-i18next";

/**
 * The portal's own city mark: a simple drawing of a square church tower with its flat top and
 * corner pinnacles (our drawing, not the city's logo), in the current text colour. It is an
 * image with a name of its own, so it is announced even where it stands alone.
 */
export function CityWordmark() {
  const { t } = useTranslation();
  return (
    <svg className="wordmark-mark" role="img" aria-label={t("shell.wordmarkLabel")} viewBox="0 0 24 32" width="24" height="32" focusable="false">
      <path fill="currentColor" d="M4 31V12h2V8h1V4h2v4h2V2h2v6h2V4h2v4h1v4h2v19h-6v-7a2 2 0 0 0-4 0v7H4zm4-15v3h2v-3H8zm6 0v3h2v-3h-2zm-3-5v3h2v-3h-2z" />
    </svg>
  );
}
