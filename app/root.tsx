import { isProduction } from "~/utils/env.server";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useMatches, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { SiteShell, type ShellUser } from "~/components/SiteShell";
import { getOptionalUser } from "~/modules/identity/guards.server";
import { getLanguage } from "~/utils/i18next.server";
import { useNonce } from "~/utils/nonce";
import styles from "~/styles/app.css";
import { pageMeta } from "~/i18n/meta";
import { lacksNamespace, languageDir } from "~/i18n/config";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "manifest", href: "/manifest.webmanifest" },
];

export const meta: MetaFunction = (args) => pageMeta(args, "home");

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([getLanguage(request), getOptionalUser(request)]);
  const shellUser: ShellUser | null = user ? { name: user.name, roles: user.roles, isStaff: user.isStaff } : null;
  return { locale, user: shellUser, devMailbox: !isProduction() };
}

export const handle = { i18n: ["common"] };

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  const locale = data?.locale ?? i18n.language ?? "nl";
  // Kiosk and waiting-room screens stand in public: no menu, no account links.
  const nonce = useNonce();
  const matches = useMatches();
  const kiosk = matches.some((m) => (m.handle as { kiosk?: boolean } | undefined)?.kiosk);
  // A page whose texts are not translated into this language shows Dutch: say so (WCAG 3.1.2).
  const contentLang = matches.some((m) => [(m.handle as { i18n?: string | string[] } | undefined)?.i18n ?? []].flat().some((ns) => lacksNamespace(locale, ns))) ? "nl" : undefined;
  return (
    <html lang={locale} dir={languageDir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteShell user={data?.user ?? null} locale={locale} devMailbox={data?.devMailbox ?? false} kiosk={kiosk} contentLang={contentLang}>
          {children}
        </SiteShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  useChangeLanguage(data?.locale ?? "nl");
  return <Outlet />;
}

/** The one error page of the portal: real status codes, in the visitor's language. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 429 ? "tooMany" : status < 500 ? "badRequest" : "server";
  return (
    <div className="stack">
      <h1 tabIndex={-1}>{t(`errors.${kind}.title`)}</h1>
      <p>{t(`errors.${kind}.body`)}</p>
      <p>
        <a href="/">{t("errors.backHome")}</a>
      </p>
      <p className="muted">{t("errors.code", { status })}</p>
    </div>
  );
}
