import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/forms";
import { Pictogram } from "~/components/Pictogram";
import { ThemeFields } from "~/components/ThemeFields";
import { errorsFor, type FormState } from "./form-state";

type Theme = {
  id: string;
  slug: string;
  letter: string;
  pictogram: string;
  name: Record<string, string | undefined> & { nl: string };
  sortOrder: number;
  active: boolean;
  ticketsToday: number;
};

/** The desk themes (themaloketten): the list with links to edit and to the agenda, and a form to add one. */
export function ThemesSection({ themes, lng, f }: { themes: Theme[]; lng: string; f: FormState }) {
  const { t } = useTranslation("counteradmin");
  return (
    <section className="stack" aria-labelledby="themes-title">
      <h2 id="themes-title">{t("themes.title")}</h2>
      <div className="table-scroll" role="region" aria-labelledby="themes-caption" tabIndex={0}>
        <table className="case-table">
          <caption id="themes-caption">{t("themes.caption", { count: themes.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("themes.letter")}</th>
              <th scope="col">{t("themes.name")}</th>
              <th scope="col">{t("themes.order")}</th>
              <th scope="col">{t("themes.state")}</th>
              <th scope="col">{t("themes.ticketsToday")}</th>
              <th scope="col">{t("themes.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {themes.map((theme) => (
              <tr key={theme.id} data-theme={theme.slug}>
                <td>
                  <Pictogram name={theme.pictogram} size={24} /> <strong>{theme.letter}</strong>
                </td>
                <td>{theme.name[lng] ?? theme.name.nl}</td>
                <td>{theme.sortOrder}</td>
                <td>{theme.active ? t("themes.active") : t("themes.inactive")}</td>
                <td>{theme.ticketsToday}</td>
                <td>
                  <div>
                    <Link to={`/werk/beheer/loketten/${theme.slug}`} aria-label={t("themes.editLabel", { name: theme.name[lng] ?? theme.name.nl })}>
                      {t("themes.edit")}
                    </Link>
                  </div>
                  <div>
                    <Link to={`/werk/beheer/loketten/${theme.slug}/agenda`} aria-label={t("themes.agendaLabel", { name: theme.name[lng] ?? theme.name.nl })}>
                      {t("themes.agenda")}
                    </Link>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card narrow" aria-labelledby="new-theme">
        <h3 id="new-theme">{t("themes.add")}</h3>
        <ErrorSummary errors={errorsFor(f, "addTheme")} />
        <Form method="post" noValidate className="stack">
          <ThemeFields values={f.failed === "addTheme" ? f.values : {}} errors={errorsFor(f, "addTheme")} />
          <div>
            <button type="submit" className="button" name="_intent" value="addTheme">
              {t("themes.addButton")}
            </button>
          </div>
        </Form>
      </section>
    </section>
  );
}
