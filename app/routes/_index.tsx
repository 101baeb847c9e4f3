import type { MetaFunction } from "@remix-run/node";
import { publicPageHeaders } from "~/utils/cache-headers";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { loader as rootLoader } from "~/root";
import { SearchBox } from "~/components/Mikipedia";
import { pageMeta } from "~/i18n/meta";

export const headers = publicPageHeaders;

export const meta: MetaFunction = (args) => pageMeta(args, "home");

export default function Home() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const user = root?.user;
  return (
    <div className="stack">
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <section aria-labelledby="home-what" className="card">
        <h2 id="home-what">{t("home.whatTitle")}</h2>
        <ul>
          <li>
            <Link to="/aanvragen">{t("home.whatRequests")}</Link>
          </li>
          <li>
            <Link to="/mijn/dossiers">{t("home.whatFollow")}</Link>
          </li>
          <li>
            <Link to="/mikipedia">{t("home.whatHelp")}</Link>
          </li>
        </ul>
      </section>
      <section aria-labelledby="home-mikipedia" className="card">
        <h2 id="home-mikipedia">{t("knowledge:title")}</h2>
        <p>{t("knowledge:intro")}</p>
        <SearchBox id="home-q" />
        <p>
          <Link to="/mikipedia">{t("knowledge:title")}</Link>
        </p>
      </section>
      {user ? (
        <p>
          <Link className="button" to={user.isStaff ? "/werk" : "/mijn"}>
            {user.isStaff ? t("home.toWorkplace") : t("home.toMine")}
          </Link>
        </p>
      ) : (
        <div className="actions">
          <Link className="button" to="/aanmelden">
            {t("home.login")}
          </Link>
          <Link className="button button-secondary" to="/registreren">
            {t("home.register")}
          </Link>
        </div>
      )}
      <section aria-labelledby="home-counter" className="card">
        <h2 id="home-counter">{t("home.counterTitle")}</h2>
        <p>{t("home.counterBody")}</p>
      </section>
    </div>
  );
}
