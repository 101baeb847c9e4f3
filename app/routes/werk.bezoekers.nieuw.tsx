import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, RadioGroup, TextField } from "~/components/forms";
import { createInvitation, listBuildings } from "~/modules/access/invitations.server";
import { invitationFormInput, invitationSchema, MAX_VISITORS } from "~/modules/access/schemas";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { parseWith } from "~/utils/forms";
import { actionOf, loaderOf, readFormData } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

/** Visitor rows shown at first; "add a visitor" adds one more, up to MAX_VISITORS. */
const VISITOR_ROWS = 3;

export const meta: MetaFunction = (args) => pageMeta(args, "visitorsNew");
export const handle = { i18n: ["access"] };

const guard = (request: Request) => requireStaffCan(request, "visitors.host");

export const loader = loaderOf({ guard, run: async () => ({ buildings: await listBuildings() }) });

/**
 * Sending (Enter or the main button, no `_intent`) or "add a visitor". The visitor rows are
 * numbered fields, shaped by invitationFormInput from the form itself.
 */
export const action = actionOf({
  guard,
  body: z.object({ _intent: z.enum(["addVisitor", "send"]).optional(), rows: z.string().max(3).optional() }).passthrough(),
  read: async (request) => {
    const form = await readFormData(request);
    return { form, extra: form };
  },
  run: async ({ actor, body, extra: form, values }) => {
    // "Add a visitor" without JavaScript: the same form again, with every value and one more row.
    if (body._intent === "addVisitor") {
      const rows = Math.min(MAX_VISITORS, Math.max(VISITOR_ROWS, Number(body.rows) || VISITOR_ROWS) + 1);
      return { ok: false as const, errors: {} as Record<string, string>, values, rows };
    }
    const parsed = parseWith(invitationSchema, invitationFormInput(form), values);
    if (!parsed.ok) return data(parsed, { status: 400 });
    const id = await createInvitation(actor, parsed.data);
    return redirect(`/werk/bezoekers/${id}?verstuurd=1`);
  },
});

const LANGUAGES = [
  { value: "nl", label: "Nederlands", lang: "nl" },
  { value: "en", label: "English", lang: "en" },
  { value: "fr", label: "Français", lang: "fr" },
];

export default function NewInvitation() {
  const { t } = useTranslation("access");
  const { buildings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.errors : undefined;
  const v = (result && !result.ok ? result.values : {}) as Record<string, string>;
  const added = result && "rows" in result ? result.rows : undefined;
  // As many rows as asked for, and never fewer than the rows already filled in.
  const filled = Array.from({ length: MAX_VISITORS }, (_, i) => i).filter((i) => v[`visitor${i}Name`] || v[`visitor${i}Email`] || v[`visitor${i}Organisation`]);
  const rows = Math.min(MAX_VISITORS, Math.max(VISITOR_ROWS, added ?? 0, (filled.at(-1) ?? -1) + 1));
  return (
    <div className="stack narrow">
      <h1>{t("hosts.formTitle")}</h1>
      <ErrorSummary errors={errors} fieldIds={{ visitors: "visitor0Name", buildingId: "buildingId", entries: "entries" }} />
      <Form method="post" noValidate>
        <input type="hidden" name="rows" value={rows} />
        {Array.from({ length: rows }, (_, i) => (
          <fieldset className="visitor-row" key={i}>
            <legend>{i === 0 ? t("hosts.visitorLegend", { n: 1 }) : t("hosts.visitorOptional", { n: i + 1 })}</legend>
            <TextField
              id={`visitor${i}Name`}
              name={`visitor${i}Name`}
              label={t("hosts.name")}
              defaultValue={v[`visitor${i}Name`]}
              autoComplete="off"
              error={i === 0 ? errors?.visitors : undefined}
              // The row just added gets the focus, so keyboard and screen-reader users land in it.
              autoFocus={added !== undefined && i === added - 1}
            />
            <TextField id={`visitor${i}Email`} name={`visitor${i}Email`} type="email" label={t("hosts.email")} defaultValue={v[`visitor${i}Email`]} autoComplete="off" />
            <TextField
              id={`visitor${i}Organisation`}
              name={`visitor${i}Organisation`}
              label={t("hosts.organisation")}
              defaultValue={v[`visitor${i}Organisation`]}
              autoComplete="off"
            />
            <div className="field">
              <label htmlFor={`visitor${i}Language`}>{t("hosts.language")}</label>
              <select id={`visitor${i}Language`} name={`visitor${i}Language`} defaultValue={v[`visitor${i}Language`] ?? "nl"}>
                {LANGUAGES.map((l) => (
                  <option key={l.value} value={l.value} lang={l.lang}>
                    {l.label}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
        ))}
        <RadioGroup
          name="buildingId"
          legend={t("hosts.building")}
          options={buildings.map((b) => ({ value: b.id, label: b.name }))}
          value={v.buildingId}
          error={errors?.buildingId}
        />
        <TextField name="date" type="date" label={t("hosts.date")} hint={t("hosts.dateHint")} defaultValue={v.date} error={errors?.date} />
        <TextField name="from" type="time" label={t("hosts.from")} hint={t("hosts.timeHint")} defaultValue={v.from} error={errors?.from} />
        <TextField name="until" type="time" label={t("hosts.until")} hint={t("hosts.timeHint")} defaultValue={v.until} error={errors?.until} />
        <TextField name="purpose" label={t("hosts.purpose")} defaultValue={v.purpose} error={errors?.purpose} />
        <RadioGroup
          name="entries"
          legend={t("hosts.entries")}
          options={[
            { value: "single", label: t("hosts.single") },
            { value: "multiple", label: t("hosts.multiple") },
          ]}
          value={v.entries ?? "single"}
          error={errors?.entries}
        />
        <TextField
          name="repeatWeeks"
          type="number"
          min={1}
          max={12}
          inputMode="numeric"
          label={t("hosts.repeat")}
          hint={t("hosts.repeatHint")}
          defaultValue={v.repeatWeeks ?? "1"}
          error={errors?.repeatWeeks}
        />
        {/* "Send" comes first: pressing Enter in a field submits with the first button of the form. */}
        <div className="button-row">
          <button type="submit" className="button">
            {t("hosts.send")}
          </button>
          {rows < MAX_VISITORS ? (
            <button type="submit" name="_intent" value="addVisitor" formNoValidate className="button button-secondary">
              {t("hosts.addVisitor")}
            </button>
          ) : null}
        </div>
        {rows >= MAX_VISITORS ? <p className="hint">{t("hosts.maxVisitors", { count: MAX_VISITORS })}</p> : null}
      </Form>
    </div>
  );
}
