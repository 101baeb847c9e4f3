import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/forms";

/**
 * "Sign this kiosk out", for staff only: tucked in a disclosure and confirmed with the
 * kiosk's key (the credential the admin issued). A passer-by cannot switch the kiosk off.
 * Signing out empties the kiosk's offline store: while scans made without network still wait
 * to be sent (`queued`), it says so first, because they would be lost.
 */
export function KioskSignOut({ error, queued = 0 }: { error?: string; queued?: number }) {
  const { t } = useTranslation("access");
  return (
    <details className="kiosk-logout" open={Boolean(error)}>
      <summary>{t("kiosk.logoutStaff")}</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="_intent" value="logout" />
        {queued > 0 ? (
          <p className="notice warning" role="alert">
            {t("kiosk.logoutQueued", { count: queued })}
          </p>
        ) : null}
        <p>{t("kiosk.logoutIntro")}</p>
        <TextField id="logout-credential" name="credential" type="password" label={t("kiosk.credential")} error={error} autoComplete="off" spellCheck={false} />
        <button type="submit" className="button secondary">
          {t("kiosk.logout")}
        </button>
      </Form>
    </details>
  );
}
