import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { revisionDiff } from "~/modules/knowledge/editorial.server";
import { uuid } from "~/utils/ids";
import { httpError, loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Wijzigingen – Redactie Mikipedia" }];

export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "knowledge.edit"),
  params: z.object({ id: uuid, revisionId: uuid }),
  run: async ({ actor, params }) => {
    const diff = await revisionDiff(actor, params.revisionId);
    if (diff.articleId !== params.id) httpError(404);
    return diff;
  },
});

export default function RevisionDiff() {
  const { t } = useTranslation("knowledge");
  const diff = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <p>
        <Link to={`/werk/redactie/${diff.articleId}`}>{t("editor.backToArticle")}</Link>
      </p>
      <h1>{t("editor.diffTitle", { number: diff.number })}</h1>
      <p>
        {diff.origin === "seed" ? t("editor.seedAuthor") : diff.author} – {t(`editor.status.${diff.status}`)}
      </p>
      <p>{diff.previousNumber ? t("editor.diffIntro", { previous: diff.previousNumber }) : t("editor.diffFirst")}</p>
      {diff.fields.length === 0 ? <p>{t("editor.diffNone")}</p> : null}
      {diff.fields.map((f) => (
        <section key={f.field} className="card diff" aria-labelledby={`diff-${f.field}`}>
          <h2 id={`diff-${f.field}`} className="h-small">
            {t(`editor.fields.${f.field}`)}
          </h2>
          <pre>
            {f.parts.map((p, i) =>
              p.added ? (
                <ins key={i}>
                  <span className="visually-hidden">{t("editor.added")} </span>
                  {p.value}
                </ins>
              ) : p.removed ? (
                <del key={i}>
                  <span className="visually-hidden">{t("editor.removed")} </span>
                  {p.value}
                </del>
              ) : (
                <span key={i}>{p.value}</span>
              ),
            )}
          </pre>
        </section>
      ))}
    </div>
  );
}
