import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ReturnToStart, returnToStartHeader } from "~/components/ReturnToStart";
import { ticketStatus } from "~/modules/counter/queue.server";
import { uuid } from "~/utils/ids";
import { anyone, httpError, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

/** The ticket screen returns to the start by itself after this long (issue 15 item 6). */
const TICKET_SCREEN_SECONDS = 10;

export const headers = () => returnToStartHeader("/kiosk/loket", TICKET_SCREEN_SECONDS);

export const meta: MetaFunction = (args) => pageMeta(args, "kioskYourTicket");
export const handle = { i18n: ["counter"], kiosk: true };

const loaderParams = z.object({ id: uuid });
export const loader = loaderOf({
  guard: anyone,
  params: loaderParams,
  run: async ({ params }) => {
    const ticket = await ticketStatus(params.id);
    if (!ticket) httpError(404);
    return { number: ticket.number, themeName: ticket.themeName, ahead: ticket.ahead, status: ticket.status, deskName: ticket.deskName };
  },
});

export default function KioskTicket() {
  const { t, i18n } = useTranslation("counter");
  const ticket = useLoaderData<typeof loader>();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  return (
    <div className="stack kiosk">
      <h1>{t("ticket.title")}</h1>
      <p>
        <span className="visually-hidden">{t("ticket.numberLabel", { number: ticket.number })}</span>
        <span className="ticket-number" aria-hidden="true">
          {ticket.number}
        </span>
      </p>
      <p className="lead">{ticket.themeName[lng] ?? ticket.themeName.nl}</p>
      {ticket.status === "waiting" ? (
        <p>{t("ticket.ahead", { count: ticket.ahead })}</p>
      ) : ticket.deskName ? (
        <p className="lead">{t("ticket.goTo", { desk: ticket.deskName })}</p>
      ) : null}
      <p>{t("ticket.watchScreen")}</p>
      <ReturnToStart to="/kiosk/loket" seconds={TICKET_SCREEN_SECONDS} />
    </div>
  );
}
