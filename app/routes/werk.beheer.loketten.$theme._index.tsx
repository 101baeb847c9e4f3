import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Notice } from "~/components/forms";
import { ThemeFields } from "~/components/ThemeFields";
import { useFormResult } from "~/components/useFormResult";
import { themeSchema } from "~/modules/counter/admin-schemas";
import { getTheme, removeTheme, saveTheme, setThemeActive } from "~/modules/counter/admin.server";
import { requireStaff } from "~/modules/identity/guards.server";
import { DomainError } from "~/modules/platform/errors";
import { formValues, parseWith } from "~/utils/forms";
import { domainErrorToForm } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "desk");
export const handle = { i18n: ["counteradmin"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, "admin");
  try {
    const theme = await getTheme(actor, params.theme ?? "");
    return { theme: { slug: theme.slug, letter: theme.letter, name: theme.name, pictogram: theme.pictogram, sortOrder: theme.sortOrder, active: theme.active } };
  } catch (err) {
    if (err instanceof DomainError) throw new Response(err.code, { status: err.status });
    throw err;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireStaff(request, "admin");
  const slug = params.theme ?? "";
  const values = formValues(await request.formData());
  const back = `/werk/beheer/loketten/${slug}`;
  try {
    if (values.intent === "save") {
      const parsed = parseWith(themeSchema, values, values);
      if (!parsed.ok) return data(parsed, { status: 400 });
      await saveTheme(actor, parsed.data, slug);
      return redirect("/werk/beheer/loketten?opgeslagen=thema");
    }
    if (values.intent === "activate" || values.intent === "deactivate") {
      await setThemeActive(actor, slug, values.intent === "activate");
      return redirect(`${back}?opgeslagen=1`);
    }
    if (values.intent === "remove") {
      await removeTheme(actor, slug);
      return redirect("/werk/beheer/loketten?opgeslagen=verwijderd");
    }
  } catch (err) {
    return domainErrorToForm(err, values);
  }
  return data({ ok: false as const, errors: { _form: "common:errors.invalid" }, values }, { status: 400 });
}

export default function EditTheme() {
  const { t, i18n } = useTranslation("counteradmin");
  const { theme } = useLoaderData<typeof loader>();
  const { errors, values } = useFormResult();
  const [params] = useSearchParams();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  const name = theme.name[lng] ?? theme.name.nl;
  const initial = values.intent === "save" ? values : { nameNl: theme.name.nl, nameEn: theme.name.en, nameFr: theme.name.fr, letter: theme.letter, pictogram: theme.pictogram, sortOrder: theme.sortOrder };
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
        <input type="hidden" name="intent" value="save" />
        <ThemeFields values={initial} errors={values.intent === "save" ? errors : undefined} />
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
          <input type="hidden" name="intent" value={theme.active ? "deactivate" : "activate"} />
          <button type="submit" className="button button-secondary">
            {theme.active ? t("themes.deactivate") : t("themes.activate")}
          </button>
        </Form>
        <p>{t("themes.removeExplain")}</p>
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className="button button-secondary">
            {t("themes.remove")}
          </button>
        </Form>
      </section>
    </div>
  );
}
