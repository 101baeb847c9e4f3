import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/forms";

/**
 * A one-time code of digits (from the e-mail or the authenticator app): the phone shows its
 * number pad and offers the code it received; spaces are allowed as people copy "123 456".
 */
export function CodeField({ label, hint, error }: { label: string; hint?: string; error?: string }) {
  return (
    <TextField
      name="code"
      label={label}
      hint={hint}
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9 ]*"
      maxLength={8}
      className="input-code"
      error={error}
      required
    />
  );
}

/** Outside production: where the e-mail with the code can be read (the development mailbox). */
export function DevMailboxHint({ show }: { show: boolean }) {
  const { t } = useTranslation(["auth", "common"]);
  if (!show) return null;
  return (
    <p className="muted">
      {t("code.devMailboxHint")} <Link to="/dev/mailbox">{t("common:footer.devMailbox")}</Link>
    </p>
  );
}
