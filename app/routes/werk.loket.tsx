import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { actOnTicket, callNext, currentTicket, deskForToday, listDesks, listThemes, queueCounts, takeDesk, transferTicket } from "~/modules/counter/queue.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { asList } from "~/utils/forms";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "myDesk");

const guard = (request: Request) => requireStaffCan(request, "counter.desk");

export const loader = loaderOf({
  guard,
  run: async ({ actor: agent }) => {
    const [desk, themes, desks, current] = await Promise.all([deskForToday(agent), listThemes(), listDesks(), currentTicket(agent)]);
    const counts = desk ? await queueCounts(desk.themeIds) : [];
    return {
      desk: desk ? { id: desk.deskId, name: desk.deskName, themeIds: desk.themeIds } : null,
      themes: themes.map((t) => ({ id: t.id, slug: t.slug, letter: t.letter, name: t.name })),
      desks: desks.map((d) => ({ id: d.id, name: d.name })),
      current: current
        ? {
            id: current.id,
            number: current.number,
            status: current.status,
            priority: current.priority,
            themeName: current.themeName,
            recalls: current.recalls,
            residentId: current.residentId,
          }
        : null,
      counts,
    };
  },
});

const deskActions = z.discriminatedUnion("_intent", [
  z.object({
    _intent: z.literal("takeDesk"),
    deskId: z.string({ required_error: "counter:errors.chooseDesk" }).uuid("counter:errors.chooseDesk"),
    themeIds: z.preprocess(asList, z.array(uuid).min(1, "counter:errors.chooseThemes")),
  }),
  z.object({ _intent: z.literal("callNext") }),
  z.object({ _intent: z.enum(["recall", "start", "noShow", "finish"]), ticketId: uuid }),
  z.object({ _intent: z.literal("transfer"), ticketId: uuid, toTheme: z.string({ required_error: "counter:errors.chooseTheme" }).min(1, "counter:errors.chooseTheme").max(120) }),
]);

export const action = actionOf({
  guard,
  body: deskActions,
  run: async ({ actor: agent, body }) => {
    if (body._intent === "takeDesk") await takeDesk(agent, body.deskId, body.themeIds);
    else if (body._intent === "callNext") {
      const ticket = await callNext(agent);
      if (!ticket) return redirect("/werk/loket?leeg=1");
    } else if (body._intent === "transfer") await transferTicket(agent, body.ticketId, body.toTheme);
    else await actOnTicket(agent, body.ticketId, body._intent);
    return redirect("/werk/loket");
  },
});

export default function DeskPage() {
  const { t, i18n } = useTranslation(["counter", "contacts"]);
  const { desk, themes, desks, current, counts } = useLoaderData<typeof loader>();
  const { errors, busy } = useFormResult();
  const [params] = useSearchParams();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  const themeName = (id: string) => {
    const theme = themes.find((x) => x.id === id);
    return theme ? `${theme.letter} – ${theme.name[lng] ?? theme.name.nl}` : id;
  };

  if (!desk) {
    return (
      <div className="stack narrow">
        <h1>{t("desk.title")}</h1>
        <p>
          <Link to="/werk/taken">{t("backoffice:nav.deskTasks")}</Link>
        </p>
        <p>{t("desk.chooseIntro")}</p>
        <ErrorSummary errors={errors} fieldIds={{ deskId: desks[0] ? `desk-${desks[0].id}` : "deskId", themeIds: themes[0] ? `themeIds-${themes[0].id}` : "themeIds" }} />
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="_intent" value="takeDesk" />
          <fieldset className="field" id="deskId">
            <legend>{t("desk.whichDesk")}</legend>
            {desks.map((d) => (
              <div className="choice" key={d.id}>
                <input type="radio" name="deskId" id={`desk-${d.id}`} value={d.id} />
                <label htmlFor={`desk-${d.id}`}>{d.name}</label>
              </div>
            ))}
          </fieldset>
          <fieldset className="field" id="themeIds">
            <legend>{t("desk.whichThemes")}</legend>
            {themes.map((theme) => (
              <div className="choice" key={theme.id}>
                <input type="checkbox" name="themeIds" id={`themeIds-${theme.id}`} value={theme.id} />
                <label htmlFor={`themeIds-${theme.id}`}>{themeName(theme.id)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button">
            {t("desk.sitDown")}
          </button>
        </Form>
      </div>
    );
  }

  return (
    <div className="stack">
      <h1>{t("desk.titleAt", { desk: desk.name })}</h1>
      <p>
        <Link to="/werk/taken">{t("backoffice:nav.deskTasks")}</Link>
      </p>
      {params.has("leeg") ? <Notice>{t("desk.nobodyWaiting")}</Notice> : null}
      <ErrorSummary errors={errors} />
      <section className="card" aria-labelledby="queue-title">
        <h2 id="queue-title">{t("desk.queue")}</h2>
        <ul>
          {desk.themeIds.map((id) => (
            <li key={id}>{t("desk.waitingFor", { theme: themeName(id), count: counts.find((c) => c.themeId === id)?.waiting ?? 0 })}</li>
          ))}
        </ul>
      </section>
      <p>
        <Link to={`/kiosk/tevredenheid/${desk.id}`} aria-describedby="tablet-hint">
          {t("inbox:satisfaction.tabletLink")}
        </Link>
        <span className="hint" id="tablet-hint">
          {" "}
          {t("inbox:satisfaction.tabletLinkHint")}
        </span>
      </p>
      {current ? (
        <section className="card" aria-labelledby="current-title">
          <h2 id="current-title">{t("desk.current", { number: current.number })}</h2>
          <p>
            {current.themeName[lng] ?? current.themeName.nl}
            {current.priority ? ` · ${t("desk.priority")}` : ""} · {t(`status.${current.status}`)}
          </p>
          <div className="actions">
            {current.status === "called" ? (
              <>
                <TicketButton intent="start" ticketId={current.id} label={t("desk.start")} busy={busy} primary />
                <TicketButton intent="recall" ticketId={current.id} label={t("desk.recall")} busy={busy} />
                <TicketButton intent="noShow" ticketId={current.id} label={t("desk.noShow")} busy={busy} />
              </>
            ) : null}
            <TicketButton intent="finish" ticketId={current.id} label={t("desk.finish")} busy={busy} primary={current.status === "serving"} />
          </div>
          <p className="button-row">
            <Link to={current.residentId ? `/werk/bewoners/${current.residentId}` : "/werk/bewoners"}>{t("contacts:desk.findResident")}</Link>
            <Link to={current.residentId ? `/werk/contacten/nieuw?bewoner=${current.residentId}` : "/werk/contacten/nieuw"}>{t("contacts:desk.registerContact")}</Link>
            <Link to="/werk/ingediende-aanvragen">{t("contacts:nav.filed")}</Link>
          </p>
          <Form method="post" className="stack transfer-form">
            <input type="hidden" name="_intent" value="transfer" />
            <input type="hidden" name="ticketId" value={current.id} />
            <div className="field">
              <label htmlFor="toTheme">{t("desk.transferTo")}</label>
              <select id="toTheme" name="toTheme" defaultValue="">
                <option value="" disabled>
                  {t("desk.chooseTheme")}
                </option>
                {themes.map((theme) => (
                  <option key={theme.slug} value={theme.slug}>
                    {themeName(theme.id)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("desk.transfer")}
            </button>
          </Form>
        </section>
      ) : (
        <Form method="post">
          <input type="hidden" name="_intent" value="callNext" />
          <button type="submit" className="button button-large" disabled={busy}>
            {t("desk.callNext")}
          </button>
        </Form>
      )}
    </div>
  );
}

function TicketButton({ intent, ticketId, label, busy, primary }: { intent: string; ticketId: string; label: string; busy: boolean; primary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="_intent" value={intent} />
      <input type="hidden" name="ticketId" value={ticketId} />
      <button type="submit" className={primary ? "button" : "button button-secondary"} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}
