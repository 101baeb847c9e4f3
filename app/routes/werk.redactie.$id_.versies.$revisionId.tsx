import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/modules/identity/guards.server";
import { revisionDiff } from "~/modules/knowledge/editorial.server";
import { DomainError } from "~/modules/platform/errors";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "articleChanges");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, "editor");
  if (!/^[0-9a-f-]{36}$/i.test(params.revisionId ?? "")) throw new Response("Not found", { status: 404 });
  try {
    const diff = await revisionDiff(actor, params.revisionId!);
    if (diff.articleId !== params.id) throw new Response("Not found", { status: 404 });
    return diff;
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") throw new Response("Not found", { status: 404 });
    throw err;
  }
}

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
