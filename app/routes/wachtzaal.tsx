import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { waitingBoard } from "~/modules/counter/queue.server";
import { anyone, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";
import { TableScroll } from "~/components/TableScroll";

export const meta: MetaFunction = (args) => pageMeta(args, "waitingRoom");
export const handle = { i18n: ["counter"], kiosk: true };

export const loader = loaderOf({
  guard: anyone,
  run: async () => {
    const board = await waitingBoard();
    return { called: board.called.map((c) => ({ number: c.number, deskName: c.deskName })), waiting: board.waiting };
  },
});

/** The waiting-room screen: refreshes itself every few seconds; a link refreshes it without JavaScript. */
export default function WaitingRoom() {
  const { t, i18n } = useTranslation("counter");
  const { called, waiting } = useLoaderData<typeof loader>();
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => state === "idle" && revalidate(), 4000);
    return () => clearInterval(timer);
  }, [revalidate, state]);
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  const [latest, ...earlier] = called;
  return (
    <div className="stack waiting-room">
      <h1>{t("board.title")}</h1>
      <section aria-labelledby="board-now" className="board-now">
        <h2 id="board-now">{t("board.now")}</h2>
        <div aria-live="polite" aria-atomic="true">
          {latest ? (
            <p className="board-call">
              <span className="ticket-number">{latest.number}</span> <span aria-hidden="true">→</span> <span className="visually-hidden">{t("board.goesTo")}</span>{" "}
              <span className="board-desk">{latest.deskName}</span>
            </p>
          ) : (
            <p>{t("board.nobody")}</p>
          )}
        </div>
      </section>
      {earlier.length ? (
        <TableScroll labelledBy="board-earlier">
          <table className="board-table">
            <caption id="board-earlier">{t("board.earlier")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("board.number")}</th>
                <th scope="col">{t("board.desk")}</th>
              </tr>
            </thead>
            <tbody>
              {earlier.map((c) => (
                <tr key={c.number}>
                  <td>{c.number}</td>
                  <td>{c.deskName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <TableScroll labelledBy="board-waiting">
        <table className="board-table">
          <caption id="board-waiting">{t("board.waiting")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("board.theme")}</th>
              <th scope="col">{t("board.waitingCount")}</th>
            </tr>
          </thead>
          <tbody>
            {waiting.map((w) => (
              <tr key={w.slug}>
                <td>
                  {w.letter} – {w.name[lng] ?? w.name.nl}
                </td>
                <td>{w.waiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="muted">
        <Link to="/wachtzaal">{t("board.refresh")}</Link>
      </p>
    </div>
  );
}
