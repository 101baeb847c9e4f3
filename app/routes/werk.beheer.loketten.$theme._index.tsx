import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { ThemeFields } from "~/components/ThemeFields";
import { useFormResult } from "~/components/useFormResult";
import { themeSchema } from "~/modules/counter/admin-schemas";
import { getTheme, removeTheme, saveTheme, setThemeActive } from "~/modules/counter/admin.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { slug } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "desk");
export const handle = { i18n: ["counteradmin"] };

const guard = (request: Request) => requireStaffCan(request, "admin.manage");
const params = z.object({ theme: slug });

export const loader = loaderOf({
  guard,
  params,
  run: async ({ actor, params }) => {
    const theme = await getTheme(actor, params.theme);
    return { theme: { slug: theme.slug, letter: theme.letter, name: theme.name, pictogram: theme.pictogram, sortOrder: theme.sortOrder, active: theme.active } };
  },
});

const themeActions = z.discriminatedUnion("_intent", [
  themeSchema.extend({ _intent: z.literal("save") }),
  z.object({ _intent: z.literal("activate") }),
  z.object({ _intent: z.literal("deactivate") }),
  z.object({ _intent: z.literal("remove") }),
]);

export const action = actionOf({
  guard,
  params,
  body: themeActions,
  run: async ({ actor, params, body }) => {
    switch (body._intent) {
      case "save":
        await saveTheme(actor, body, params.theme);
        return redirect("/werk/beheer/loketten?opgeslagen=thema");
      case "activate":
      case "deactivate":
        await setThemeActive(actor, params.theme, body._intent === "activate");
        return redirect(`/werk/beheer/loketten/${params.theme}?opgeslagen=1`);
      case "remove":
        await removeTheme(actor, params.theme);
        return redirect("/werk/beheer/loketten?opgeslagen=verwijderd");
    }
  },
});

export default function EditTheme() {
  const { t, i18n } = useTranslation("counteradmin");
  const { theme } = useLoaderData<typeof loader>();
  const { errors, values, intent } = useFormResult();
  const [params] = useSearchParams();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  const name = theme.name[lng] ?? theme.name.nl;
  const initial =
    intent === "save"
      ? values
      : { nameNl: theme.name.nl, nameEn: theme.name.en, nameFr: theme.name.fr, letter: theme.letter, pictogram: theme.pictogram, sortOrder: theme.sortOrder };
  return (
    <div className="stack narrow">
      <p>
        <Link to="/werk/beheer/loketten">{t("back")}</Link>
      </p>
      {params.has("opgeslagen") ? <Notice>{t("saved.theme")}</Notice> : null}
      <h1>{t("themes.editTitle", { name })}</h1>
      <p>{theme.active ? t("themes.activeExplain") : t("themes.inactiveExplain")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="_intent" value="save" />
        <ThemeFields values={initial} errors={intent === "save" ? errors : undefined} />
        <div className="button-row">
          <button type="submit" className="button">
            {t("themes.save")}
          </button>
          <Link to={`/werk/beheer/loketten/${theme.slug}/agenda`}>{t("themes.agendaLabel", { name })}</Link>
        </div>
      </Form>
      <section className="card" aria-labelledby="theme-state">
        <h2 id="theme-state">{t("themes.stateTitle")}</h2>
        <Form method="post" className="actions">
          <input type="hidden" name="_intent" value={theme.active ? "deactivate" : "activate"} />
          <button type="submit" className="button button-secondary">
            {theme.active ? t("themes.deactivate") : t("themes.activate")}
          </button>
        </Form>
        <p>{t("themes.removeExplain")}</p>
        <Form method="post" className="actions">
          <input type="hidden" name="_intent" value="remove" />
          <button type="submit" className="button button-secondary">
            {t("themes.remove")}
          </button>
        </Form>
      </section>
    </div>
  );
}
