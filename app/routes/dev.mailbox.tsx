import { isProduction } from "~/utils/env.server";
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listDevMailbox } from "~/modules/notify/mailbox.server";
import { httpError, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "devMailbox");

/** Only outside production: shows the mail the portal sent, so a local login can be finished. */
export const loader = loaderOf({
  guard: () => (isProduction() ? httpError(404) : null),
  run: async () => {
    const mails = await listDevMailbox();
    return { mails: mails.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), attachments: m.attachments.map(({ contentBase64: _bytes, ...meta }) => meta) })) };
  },
});

export default function DevMailbox() {
  const { t, i18n } = useTranslation();
  const { mails } = useLoaderData<typeof loader>();
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Brussels" });
  return (
    <div className="stack">
      <h1>{t("devMailbox.title")}</h1>
      <p>{t("devMailbox.intro")}</p>
      {mails.length === 0 ? <p>{t("devMailbox.empty")}</p> : null}
      {mails.map((m) => (
        <article key={m.id} className="card mail" aria-labelledby={`mail-${m.id}`}>
          <h2 id={`mail-${m.id}`}>{m.subject}</h2>
          <p className="muted">
            {t("devMailbox.to")}: <span data-testid="mail-to">{m.to}</span> · {date.format(new Date(m.createdAt))} · {t(`devMailbox.status.${m.status}`)}
          </p>
          <pre className="mail-body">{m.text}</pre>
          {m.attachments
            .filter((a) => a.cid && a.contentType.startsWith("image/"))
            .map((a) => (
              <img key={a.cid} src={`/dev/mailbox/${m.id}/${a.cid}`} alt={a.filename} data-cid={a.cid} loading="lazy" />
            ))}
        </article>
      ))}
    </div>
  );
}
