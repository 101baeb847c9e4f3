import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ticketStatus } from "~/modules/counter/queue.server";
import { uuid } from "~/utils/ids";
import { anyone, httpError, loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Uw ticket – Huis van de Mechelaar" }];
export const handle = { kiosk: true };

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
      <p className="ticket-number" aria-label={t("ticket.numberLabel", { number: ticket.number })}>
        {ticket.number}
      </p>
      <p className="lead">{ticket.themeName[lng] ?? ticket.themeName.nl}</p>
      {ticket.status === "waiting" ? (
        <p>{t("ticket.ahead", { count: ticket.ahead })}</p>
      ) : ticket.deskName ? (
        <p className="lead">{t("ticket.goTo", { desk: ticket.deskName })}</p>
      ) : null}
      <p>{t("ticket.watchScreen")}</p>
      <p>
        <Link className="button" to="/kiosk/loket">
          {t("ticket.done")}
        </Link>
      </p>
    </div>
  );
}
