import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** How many devices are signed in, with "log out on all devices". */
export function SessionsCard({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t("mine.sessionsTitle")}</h2>
      <p>{t("mine.sessionsCount", { count })}</p>
      <Form method="post" action="/afmelden">
        <input type="hidden" name="everywhere" value="1" />
        <button type="submit" className="button button-secondary">
          {t("mine.logoutEverywhere")}
        </button>
      </Form>
    </section>
  );
}
