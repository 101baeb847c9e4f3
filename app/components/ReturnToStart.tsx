import { Link, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * A kiosk screen that goes back to the start by itself: a visible countdown and a "Klaar"
 * link to go now. With JavaScript a timer navigates; without it the route's `Refresh` header
 * (returnToStartHeader) does the same (a <meta> refresh in <body> is not valid HTML). The countdown text is not a live region: it would
 * interrupt a screen reader every second.
 */
export function ReturnToStart({ to, seconds }: { to: string; seconds: number }) {
  const { t } = useTranslation("counter");
  const navigate = useNavigate();
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (left <= 0) {
      navigate(to, { replace: true });
      return;
    }
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [left, navigate, to]);
  return (
    <>
      <p data-testid="return-countdown">{t("ticket.returning", { count: Math.max(left, 0) })}</p>
      <p>
        <Link className="button" to={to} replace>
          {t("ticket.done")}
        </Link>
      </p>
    </>
  );
}

/** The `Refresh` header that takes a page without JavaScript back to `to` after `seconds`. */
export const returnToStartHeader = (to: string, seconds: number) => ({ Refresh: `${seconds}; url=${to}` });
