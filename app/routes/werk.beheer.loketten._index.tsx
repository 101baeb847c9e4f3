import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice, TextField } from "~/components/forms";
import { Pictogram } from "~/components/Pictogram";
import { ThemeFields } from "~/components/ThemeFields";
import { useFormResult } from "~/components/useFormResult";
import { assignmentSchema, deskSchema, isRealDay, themeSchema } from "~/modules/counter/admin-schemas";
import {
  assignDesk,
  assignmentsForDay,
  clearAssignment,
  listAgents,
  listAllDesks,
  listAllThemes,
  saveDesk,
  saveTheme,
  setDeskActive,
  todayInMechelen,
} from "~/modules/counter/admin.server";
import { requireStaff } from "~/modules/identity/guards.server";
import { formValues, parseWith } from "~/utils/forms";
import { domainErrorToForm } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "desks");
export const handle = { i18n: ["counteradmin"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, "admin");
  const asked = new URL(request.url).searchParams.get("dag") ?? "";
  const today = await todayInMechelen();
  const day = isRealDay(asked) ? asked : today;
  const [themes, desks, agents, assignments] = await Promise.all([listAllThemes(actor), listAllDesks(actor), listAgents(actor), assignmentsForDay(actor, day)]);
  return { themes, desks, agents, assignments, day, today };
}

const uuid = z.string().uuid();

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireStaff(request, "admin");
  const form = await request.formData();
  const values = formValues(form);
  const intent = String(form.get("intent") ?? "");
  const fail = (errors: Record<string, string>) => data({ ok: false as const, errors, values }, { status: 400 });
  try {
    if (intent === "addTheme") {
      const parsed = parseWith(themeSchema, values, values);
      if (!parsed.ok) return data(parsed, { status: 400 });
      await saveTheme(actor, parsed.data);
      return redirect("/werk/beheer/loketten?opgeslagen=thema");
    }
    if (intent === "addDesk" || intent === "renameDesk") {
      const parsed = parseWith(deskSchema, values, values);
      const deskId = intent === "renameDesk" ? uuid.safeParse(values.deskId) : undefined;
      if (deskId && !deskId.success) throw new Response("Not found", { status: 404 });
      // A rename's error points at that desk's own field.
      if (!parsed.ok) return fail(deskId ? { [`deskName-${deskId.data}`]: parsed.errors.deskName } : parsed.errors);
      await saveDesk(actor, parsed.data.deskName, deskId?.data);
      return redirect("/werk/beheer/loketten?opgeslagen=loket#desks-title");
    }
    if (intent === "deskActive") {
      const deskId = uuid.safeParse(values.deskId);
      if (!deskId.success) throw new Response("Not found", { status: 404 });
      await setDeskActive(actor, deskId.data, values.active === "true");
      return redirect("/werk/beheer/loketten?opgeslagen=loket#desks-title");
    }
    if (intent === "assign") {
      const parsed = parseWith(assignmentSchema, { ...values, themeIds: form.getAll("themeIds") }, values);
      if (!parsed.ok) return data(parsed, { status: 400 });
      await assignDesk(actor, parsed.data);
      return redirect(`/werk/beheer/loketten?dag=${parsed.data.day}&opgeslagen=bezetting#assign-title`);
    }
    if (intent === "unassign") {
      const deskId = uuid.safeParse(values.deskId);
      const day = String(values.day ?? "");
      if (!deskId.success || !isRealDay(day)) throw new Response("Not found", { status: 404 });
      await clearAssignment(actor, { day, deskId: deskId.data });
      return redirect(`/werk/beheer/loketten?dag=${day}&opgeslagen=bezetting#assign-title`);
    }
  } catch (err) {
    return domainErrorToForm(err, values);
  }
  return fail({ _form: "common:errors.invalid" });
}

const SAVED: Record<string, string> = { thema: "theme", loket: "desk", bezetting: "assignment", verwijderd: "removed" };

export default function CounterAdmin() {
  const { t, i18n } = useTranslation("counteradmin");
  const { themes, desks, agents, assignments, day } = useLoaderData<typeof loader>();
  const { errors, values, rawValues } = useFormResult();
  const [params] = useSearchParams();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  const failed = values.intent;
  const errorsFor = (...intents: string[]) => (failed && intents.includes(failed) ? errors : undefined);
  const themeName = (id: string) => {
    const theme = themes.find((x) => x.id === id);
    return theme ? `${theme.letter} – ${theme.name[lng] ?? theme.name.nl}` : id;
  };
  const saved = params.get("opgeslagen");
  const assignValues = failed === "assign" ? values : ({} as Record<string, string>);
  const chosenThemes = failed === "assign" ? ([] as string[]).concat(rawValues.themeIds ?? []) : [];

  return (
    <div className="stack">
      {saved && SAVED[saved] ? <Notice>{t(`saved.${SAVED[saved]}`)}</Notice> : null}
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>

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
          <ErrorSummary errors={errorsFor("addTheme")} />
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="addTheme" />
            <ThemeFields values={failed === "addTheme" ? values : {}} errors={errorsFor("addTheme")} />
            <div>
              <button type="submit" className="button">
                {t("themes.addButton")}
              </button>
            </div>
          </Form>
        </section>
      </section>

      <section className="stack" aria-labelledby="desks-title">
        <h2 id="desks-title">{t("desks.title")}</h2>
        <ErrorSummary errors={errorsFor("renameDesk", "deskActive")} />
        <ul className="card-list">
          {desks.map((desk) => (
            <li key={desk.id} className="card">
              <Form method="post" noValidate className="actions">
                <input type="hidden" name="intent" value="renameDesk" />
                <input type="hidden" name="deskId" value={desk.id} />
                <TextField
                  name="deskName"
                  id={`deskName-${desk.id}`}
                  label={t("desks.nameOf", { name: desk.name })}
                  defaultValue={failed === "renameDesk" && values.deskId === desk.id ? values.deskName : desk.name}
                  error={errorsFor("renameDesk")?.[`deskName-${desk.id}`]}
                  required
                />
                <button type="submit" className="button button-secondary">
                  {t("desks.rename")}
                </button>
              </Form>
              <Form method="post" className="actions">
                <input type="hidden" name="intent" value="deskActive" />
                <input type="hidden" name="deskId" value={desk.id} />
                <input type="hidden" name="active" value={desk.active ? "false" : "true"} />
                <span>{desk.active ? t("desks.active") : t("desks.inactive")}</span>
                <button type="submit" className="link-button">
                  {desk.active ? t("desks.deactivate", { name: desk.name }) : t("desks.activate", { name: desk.name })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <section className="card narrow" aria-labelledby="new-desk">
          <h3 id="new-desk">{t("desks.add")}</h3>
          <ErrorSummary errors={errorsFor("addDesk")} />
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="addDesk" />
            <TextField name="deskName" label={t("desks.name")} hint={t("desks.nameHint")} defaultValue={failed === "addDesk" ? values.deskName : undefined} error={errorsFor("addDesk")?.deskName} required />
            <div>
              <button type="submit" className="button">
                {t("desks.addButton")}
              </button>
            </div>
          </Form>
        </section>
      </section>

      <section className="stack" aria-labelledby="assign-title">
        <h2 id="assign-title">{t("assign.title")}</h2>
        <Form method="get" className="actions" aria-label={t("assign.pickDay")}>
          <div className="field">
            <label htmlFor="dag">{t("assign.day")}</label>
            <input type="date" id="dag" name="dag" defaultValue={day} />
          </div>
          <button type="submit" className="button button-secondary">
            {t("assign.show")}
          </button>
        </Form>
        <ErrorSummary errors={errorsFor("unassign")} />
        {assignments.length ? (
          <div className="table-scroll" role="region" aria-labelledby="assign-caption" tabIndex={0}>
            <table className="case-table">
              <caption id="assign-caption">{t("assign.caption", { day })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("assign.desk")}</th>
                  <th scope="col">{t("assign.agent")}</th>
                  <th scope="col">{t("assign.themes")}</th>
                  <th scope="col">{t("themes.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((a) => (
                  <tr key={a.deskId}>
                    <td>{a.deskName}</td>
                    <td>{a.userName}</td>
                    <td>{a.themeIds.map(themeName).join(", ")}</td>
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="unassign" />
                        <input type="hidden" name="deskId" value={a.deskId} />
                        <input type="hidden" name="day" value={day} />
                        <button type="submit" className="link-button">
                          {t("assign.clear", { desk: a.deskName })}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("assign.none", { day })}</p>
        )}
        <section className="card narrow" aria-labelledby="assign-new">
          <h3 id="assign-new">{t("assign.add")}</h3>
          <ErrorSummary
            errors={errorsFor("assign")}
            fieldIds={{ themeIds: themes.find((x) => x.active) ? `themeIds-${themes.find((x) => x.active)!.id}` : "themeIds", userId: "assign-user", deskId: "assign-desk", day: "assign-day" }}
          />
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="assign" />
            <TextField type="date" name="day" id="assign-day" label={t("assign.day")} defaultValue={assignValues.day ?? day} error={errorsFor("assign")?.day} required />
            <div className={`field${errorsFor("assign")?.userId ? " field-error" : ""}`}>
              <label htmlFor="assign-user">{t("assign.agent")}</label>
              {errorsFor("assign")?.userId ? (
                <p className="error-message" id="assign-user-error">
                  {t(errorsFor("assign")!.userId!)}
                </p>
              ) : null}
              <select id="assign-user" name="userId" defaultValue={assignValues.userId ?? ""} aria-describedby={errorsFor("assign")?.userId ? "assign-user-error" : undefined}>
                <option value="">{t("assign.choose")}</option>
                {agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <div className={`field${errorsFor("assign")?.deskId ? " field-error" : ""}`}>
              <label htmlFor="assign-desk">{t("assign.desk")}</label>
              {errorsFor("assign")?.deskId ? (
                <p className="error-message" id="assign-desk-error">
                  {t(errorsFor("assign")!.deskId!)}
                </p>
              ) : null}
              <select id="assign-desk" name="deskId" defaultValue={assignValues.deskId ?? ""} aria-describedby={errorsFor("assign")?.deskId ? "assign-desk-error" : undefined}>
                <option value="">{t("assign.choose")}</option>
                {desks
                  .filter((d) => d.active)
                  .map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
              </select>
            </div>
            <fieldset className={`field${errorsFor("assign")?.themeIds ? " field-error" : ""}`} id="themeIds">
              <legend>{t("assign.themes")}</legend>
              {errorsFor("assign")?.themeIds ? <p className="error-message">{t(errorsFor("assign")!.themeIds!)}</p> : null}
              {themes
                .filter((theme) => theme.active)
                .map((theme) => (
                  <div className="choice" key={theme.id}>
                    <input type="checkbox" name="themeIds" id={`themeIds-${theme.id}`} value={theme.id} defaultChecked={chosenThemes.includes(theme.id)} />
                    <label htmlFor={`themeIds-${theme.id}`}>{themeName(theme.id)}</label>
                  </div>
                ))}
            </fieldset>
            <div>
              <button type="submit" className="button">
                {t("assign.save")}
              </button>
            </div>
          </Form>
        </section>
      </section>
    </div>
  );
}
