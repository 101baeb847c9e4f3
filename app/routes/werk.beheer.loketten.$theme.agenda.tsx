import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { parseScheduleForm } from "~/modules/counter/admin-schemas";
import { getSchedule, saveSchedule } from "~/modules/counter/schedule-admin.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { slug } from "~/utils/ids";
import { actionOf, loaderOf, readFormData } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "deskAgenda");
export const handle = { i18n: ["counteradmin"] };

/** Blank rows under the schedule for new time ranges (more with ?rijen=N, no JavaScript needed). */
const BLANK_ROWS = 2;
const FIELDS = ["weekday", "start", "end", "slotMinutes", "capacity"] as const;
type RowValues = Record<(typeof FIELDS)[number], string> & { remove?: boolean };

const guard = (request: Request) => requireStaffCan(request, "admin.manage");
const params = z.object({ theme: slug });

export const loader = loaderOf({
  guard,
  params,
  query: z.object({ rijen: z.string().max(10).optional(), opgeslagen: z.string().max(10).optional() }),
  run: async ({ actor, params, query }) => {
    const schedule = await getSchedule(actor, params.theme);
    const extra = Math.min(Math.max(Number(query.rijen) || BLANK_ROWS, 1), 20);
    return { ...schedule, extra };
  },
});

type Failure = {
  ok: false;
  errors: Record<string, string>;
  rowOf?: Record<string, number>;
  values: Record<string, string | string[]>;
  affected?: { reference: string; startsAt: string; residentName: string }[];
};

/** The schedule is a table of rows (row-numbered fields), read by parseScheduleForm from the form itself. */
export const action = actionOf({
  guard,
  params,
  body: z.object({ confirm: z.literal("on").optional() }).passthrough(),
  read: async (request) => {
    const form = await readFormData(request);
    return { form, extra: form };
  },
  run: async ({ actor, params, body, extra: form, values }) => {
    const parsed = parseScheduleForm(form);
    if (!parsed.ok) return data<Failure>({ ok: false, errors: parsed.errors, rowOf: parsed.rowOf, values }, { status: 400 });
    const result = await saveSchedule(actor, params.theme, parsed.rows, { confirmed: body.confirm === "on" });
    if (!result.saved) {
      const affected = result.affected.map((a) => ({ reference: a.reference, startsAt: a.startsAt.toISOString(), residentName: a.residentName }));
      return data<Failure>({ ok: false, errors: { confirm: "counteradmin:errors.confirmBookings" }, values, affected }, { status: 409 });
    }
    return redirect(`/werk/beheer/loketten/${params.theme}/agenda?opgeslagen=${result.keptOutside}`);
  },
});

export default function ThemeSchedule() {
  const { t, i18n } = useTranslation("counteradmin");
  const { theme, rows, isDemo, extra } = useLoaderData<typeof loader>();
  const failure = useActionData<Failure>();
  const [params] = useSearchParams();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  const name = theme.name[lng] ?? theme.name.nl;
  const errors = failure?.errors;
  const when = new Intl.DateTimeFormat(lng === "nl" ? "nl-BE" : lng === "fr" ? "fr-BE" : "en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "Europe/Brussels" });

  // After a failed post, show exactly what was typed; otherwise the saved rows plus blank ones.
  let shown: RowValues[];
  if (failure) {
    const v = failure.values;
    const count = Number(v.rowCount) || 0;
    shown = Array.from({ length: count }, (_, i) => ({
      ...(Object.fromEntries(FIELDS.map((f) => [f, String(v[`${f}-${i}`] ?? "")])) as Record<(typeof FIELDS)[number], string>),
      remove: v[`remove-${i}`] === "on",
    }));
  } else {
    shown = [
      ...rows.map((r) => ({ weekday: String(r.weekday), start: r.start, end: r.end, slotMinutes: String(r.slotMinutes), capacity: String(r.capacity) })),
      ...Array.from({ length: extra }, () => ({ weekday: "1", start: "", end: "", slotMinutes: "", capacity: "" })),
    ];
  }
  const prefixes = Object.fromEntries(Object.entries(failure?.rowOf ?? {}).map(([id, row]) => [id, t("schedule.rowN", { n: row })]));
  const saved = params.get("opgeslagen");

  return (
    <div className="stack">
      <p>
        <Link to="/werk/beheer/loketten">{t("back")}</Link>
      </p>
      {saved !== null ? <Notice>{Number(saved) > 0 ? t("schedule.savedKept", { count: Number(saved) }) : t("schedule.saved")}</Notice> : null}
      <h1>{t("schedule.title", { name })}</h1>
      <p>{t("schedule.intro")}</p>
      {isDemo ? <p className="card">{t("schedule.isDemo")}</p> : null}
      {!theme.active ? <p className="card">{t("schedule.themeInactive")}</p> : null}
      <ErrorSummary errors={errors} prefixes={prefixes} />
      {failure?.affected?.length ? (
        <section className="card card-action" aria-labelledby="affected-title">
          <h2 id="affected-title">{t("schedule.affectedTitle", { count: failure.affected.length })}</h2>
          <p>{t("schedule.affectedIntro")}</p>
          <ul>
            {failure.affected.map((a) => (
              <li key={a.reference}>
                {when.format(new Date(a.startsAt))} · {a.reference} · {a.residentName}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="rowCount" value={shown.length} />
        <div className="table-scroll" role="region" aria-labelledby="schedule-caption" tabIndex={0}>
          <table className="case-table">
            <caption id="schedule-caption">{t("schedule.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("schedule.row")}</th>
                <th scope="col">{t("schedule.weekday")}</th>
                <th scope="col">{t("schedule.start")}</th>
                <th scope="col">{t("schedule.end")}</th>
                <th scope="col">{t("schedule.slotMinutes")}</th>
                <th scope="col">{t("schedule.capacity")}</th>
                <th scope="col">{t("schedule.remove")}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row, i) => (
                <tr key={i}>
                  <th scope="row">{t("schedule.rowN", { n: i + 1 })}</th>
                  <td>
                    <label className="visually-hidden" htmlFor={`weekday-${i}`}>
                      {t("schedule.cellLabel", { field: t("schedule.weekday"), n: i + 1 })}
                    </label>
                    <select
                      id={`weekday-${i}`}
                      name={`weekday-${i}`}
                      defaultValue={row.weekday}
                      aria-invalid={errors?.[`weekday-${i}`] ? true : undefined}
                      aria-describedby={errors?.[`weekday-${i}`] ? `weekday-${i}-error` : undefined}
                    >
                      {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                        <option key={d} value={d}>
                          {t(`weekdays.${d}`)}
                        </option>
                      ))}
                    </select>
                    <CellError id={`weekday-${i}`} error={errors?.[`weekday-${i}`]} />
                  </td>
                  {(["start", "end", "slotMinutes", "capacity"] as const).map((field) => {
                    const id = `${field}-${i}`;
                    const error = errors?.[id];
                    return (
                      <td key={field}>
                        <label className="visually-hidden" htmlFor={id}>
                          {t("schedule.cellLabel", { field: t(`schedule.${field}`), n: i + 1 })}
                        </label>
                        <input
                          id={id}
                          name={id}
                          defaultValue={row[field]}
                          inputMode={field === "start" || field === "end" ? undefined : "numeric"}
                          placeholder={field === "start" || field === "end" ? "09:00" : undefined}
                          size={5}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                        />
                        <CellError id={id} error={error} />
                      </td>
                    );
                  })}
                  <td>
                    <input type="checkbox" id={`remove-${i}`} name={`remove-${i}`} defaultChecked={row.remove} />
                    <label className="visually-hidden" htmlFor={`remove-${i}`}>
                      {t("schedule.removeRow", { n: i + 1 })}
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="hint">{t("schedule.hint")}</p>
        <p>
          <Link to={`?rijen=${extra + 3}`}>{t("schedule.moreRows")}</Link>
        </p>
        {failure?.affected?.length ? (
          <div className={`field${errors?.confirm ? " field-error" : ""}`}>
            <div className="choice">
              <input type="checkbox" id="confirm" name="confirm" aria-describedby={errors?.confirm ? "confirm-error" : undefined} />
              <label htmlFor="confirm">{t("schedule.confirm", { count: failure.affected.length })}</label>
            </div>
            <CellError id="confirm" error={errors?.confirm} />
          </div>
        ) : null}
        <div>
          <button type="submit" className="button">
            {t("schedule.save")}
          </button>
        </div>
      </Form>
    </div>
  );
}

function CellError({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">{t("forms.errorPrefix")} </span>
      {t(error)}
    </p>
  );
}
