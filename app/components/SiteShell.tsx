import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { CityWordmark } from "~/components/CityWordmark";
import { useTranslation } from "react-i18next";
import { languages } from "~/i18n/config";
import type { Role } from "../../db/schema";

export type ShellUser = { name: string; roles: Role[]; isStaff: boolean };

type NavItem = { to: string; label: string };

function navFor(user: ShellUser | null): NavItem[] {
  const items: NavItem[] = [
    { to: "/", label: "nav.home" },
    { to: "/mikipedia", label: "knowledge:title" },
    { to: "/aanvragen", label: "cases:nav.requests" },
  ];
  if (!user) return [...items, { to: "/aanmelden", label: "nav.login" }, { to: "/registreren", label: "nav.register" }];
  if (user.roles.includes("resident")) items.push({ to: "/mijn", label: "nav.mine" }, { to: "/mijn/dossiers", label: "cases:nav.dossiers" });
  if (user.isStaff) items.push({ to: "/werk", label: "nav.workplace" });
  if (user.roles.includes("frontoffice")) items.push({ to: "/werk/loket", label: "nav.desk" });
  if (user.roles.some((r) => r === "frontoffice" || r === "admin")) items.push({ to: "/werk/bewoners", label: "contacts:nav.residents" });
  if (user.roles.some((r) => r === "admin" || r === "frontoffice")) items.push({ to: "/werk/inbox", label: "inbox:nav" });
  if (user.roles.some((r) => r === "backoffice" || r === "admin")) items.push({ to: "/werk/dossiers", label: "backoffice:nav.queue" });
  if (user.roles.some((r) => r === "frontoffice" || r === "admin")) items.push({ to: "/werk/taken", label: "backoffice:nav.tasks" });
  if (user.roles.includes("editor")) items.push({ to: "/werk/redactie", label: "knowledge:editor.nav" });
  if (user.roles.includes("admin")) items.push({ to: "/werk/beheer/medewerkers", label: "nav.admin" });
  if (user.roles.some((r) => r === "admin" || r === "backoffice")) items.push({ to: "/werk/inzichten", label: "nav.insights" });
  if (user.roles.includes("host")) items.push({ to: "/werk/bezoekers", label: "nav.visitors" });
  if (user.roles.some((r) => r === "admin" || r === "frontoffice")) items.push({ to: "/werk/toegang", label: "nav.access" });
  return items;
}

export function SiteShell({
  user,
  locale,
  devMailbox,
  kiosk = false,
  contentLang,
  children,
}: {
  user: ShellUser | null;
  locale: string;
  devMailbox: boolean;
  kiosk?: boolean;
  /** The language of the page content when it differs from the interface (untranslated staff screens). */
  contentLang?: string;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="wordmark" aria-label={t("shell.homeLabel")}>
            <CityWordmark />
            <span className="wordmark-city">Mechelen</span>
            <span className="wordmark-sub">{t("shell.siteName")}</span>
          </Link>
          <Form method="post" action="/taal" className="language-switch" aria-label={t("shell.chooseLanguage")}>
            <input type="hidden" name="redirectTo" value={here} />
            {languages.map(({ code, dir, label }) => (
              <button key={code} type="submit" name="lng" value={code} lang={code} dir={dir} aria-pressed={code === locale} className="link-button">
                {label}
              </button>
            ))}
          </Form>
        </div>
        {kiosk ? null : (
          <nav aria-label={t("shell.mainNavigation")} className="main-nav">
            <ul className="container">
              {navFor(user).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === "/" || item.to === "/mijn"}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
              {user ? (
                <li className="nav-end">
                  <Form method="post" action="/afmelden">
                    <button type="submit" className="link-button">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </li>
              ) : (
                <li className="nav-end">
                  <NavLink to="/medewerkers/aanmelden">{t("nav.staffLogin")}</NavLink>
                </li>
              )}
            </ul>
          </nav>
        )}
      </header>
      {locale !== "nl" ? (
        <div className="translation-notice" role="note">
          <div className="container">
            {t("shell.translationNotice")}{" "}
            <a href={`${location.pathname}?lng=nl`} hrefLang="nl">
              {t("shell.dutchVersion")}
            </a>
          </div>
        </div>
      ) : null}
      <main id="main" tabIndex={-1} className="container main" lang={contentLang}>
        {children}
      </main>
      {kiosk ? null : (
        <footer className="site-footer">
          <div className="container">
            <ul className="footer-links">
              <li>
                <Link to="/toegankelijkheid">{t("footer.accessibility")}</Link>
              </li>
              <li>
                <Link to="/privacy">{t("footer.privacy")}</Link>
              </li>
              <li>
                <Link to="/dienstverlening-in-cijfers">{t("footer.figures")}</Link>
              </li>
              {devMailbox ? (
                <li>
                  <Link to="/dev/mailbox">{t("footer.devMailbox")}</Link>
                </li>
              ) : null}
            </ul>
            <p className="muted">{t("footer.tagline")}</p>
          </div>
        </footer>
      )}
    </>
  );
}
