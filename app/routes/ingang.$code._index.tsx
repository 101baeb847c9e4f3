import { data, redirect, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField, type FieldErrors } from "~/components/forms";
import { KioskAnswer } from "~/components/KioskAnswer";
import {
  checkInAtEntrance,
  checkOutAtEntrance,
  entranceByCode,
  entranceVisitCookie,
  limitEntrance,
  parseVisitorRef,
  RECEPTION,
  requestWalkIn,
  visitFromRequest,
  visitorRefText,
  walkInHostsFor,
} from "~/modules/access/entrance.server";
import { entranceActionSchema, posterCodeParams } from "~/modules/access/schemas";
import { DomainError } from "~/modules/platform/errors";
import { env } from "~/utils/env.server";
import { getLanguage } from "~/utils/i18next.server";
import { actionOf, INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { clientIp } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "entrance", { extra: [{ name: "robots", content: "noindex" }] });
export const handle = { i18n: ["access"] };
/**
 * A rate-limited post says when to try again. A page view without a remembered visit is the same
 * for every phone in a language: the shared page cache (app/server/page-cache.ts) may keep it; it
 * is cleared in every process when a poster's code is replaced or a host changes where they take
 * walk-ins ("entrances" on the cache bus). Answers to posts are never kept.
 */
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const out = new Headers();
  const retry = actionHeaders.get("Retry-After");
  if (retry) out.set("Retry-After", retry);
  const answered = actionHeaders.get("Cache-Control");
  const cache = answered ?? loaderHeaders.get("Cache-Control");
  if (cache) out.set("Cache-Control", cache);
  const vary = loaderHeaders.get("Vary");
  if (vary && !answered) out.set("Vary", vary);
  return out;
};
const noStore = { "Cache-Control": "no-store" };
const sharedPage = { "Cache-Control": "public, max-age=0, s-maxage=60", Vary: "Accept-Language, Cookie" };

async function entranceOr404(code: string) {
  const entrance = await entranceByCode(code);
  if (!entrance) throw new DomainError("NOT_FOUND", "common:errors.notFound.title");
  return entrance;
}

/** Public: no login. Only the hosts who chose to take walk-ins in this building are named. */
export const loader = loaderOf({
  guard: () => null,
  params: posterCodeParams,
  run: async ({ params, request }) => {
    const entrance = await entranceOr404(params.code);
    const hosts = await walkInHostsFor(entrance.buildingId);
    const hasVisit = Boolean(await visitFromRequest(request));
    const page = {
      buildingName: entrance.buildingName,
      entranceName: entrance.entranceName,
      address: entrance.address,
      hosts,
      hasVisit,
      retentionDays: env().ACCESS_RETENTION_DAYS,
      origin: env().PUBLIC_URL,
    };
    return data(page, { headers: hasVisit ? {} : sharedPage });
  },
});

export const action = actionOf({
  guard: () => null,
  params: posterCodeParams,
  body: entranceActionSchema,
  run: async ({ params, body, request, context }) => {
    const entrance = await entranceOr404(params.code);
    await limitEntrance(entrance, clientIp(context));
    const cookie = entranceVisitCookie();
    if (body._intent === "walkin") {
      const { id, key } = await requestWalkIn(entrance, { name: body.name, hostId: body.hostId, purpose: body.purpose, language: await getLanguage(request) });
      return redirect(`/ingang/${params.code}/bezoek/${id}/${key}`, { headers: { "Set-Cookie": await cookie.serialize(visitorRefText({ kind: "walkin", id, key })) } });
    }
    if (body._intent === "checkin") {
      const ref = parseVisitorRef(body.link);
      const answer = ref && (await checkInAtEntrance(entrance, ref, clientIp(context)));
      // Not a link or code, or a mistyped code (its check character): the field says so and keeps what was typed.
      if (!ref || !answer || answer.outcome === "short_code_typo") {
        const error = ref ? "access:entrance.errors.shortCodeTypo" : "access:entrance.errors.link";
        return data({ ok: false as const, intent: body._intent, errors: { link: error } as FieldErrors, values: { link: body.link } }, { status: 400, headers: noStore });
      }
      const headers = answer.outcome === "welcome" ? { ...noStore, "Set-Cookie": await cookie.serialize(visitorRefText(ref)) } : noStore;
      return data({ ok: true as const, intent: body._intent, answer: { outcome: answer.outcome, hostName: answer.hostName, visitorName: answer.visitorName } }, { headers });
    }
    const ref = parseVisitorRef(body.link) ?? (await visitFromRequest(request));
    const answer = await checkOutAtEntrance(entrance, ref, clientIp(context));
    const headers = answer.outcome === "goodbye" ? { ...noStore, "Set-Cookie": await cookie.serialize("", { maxAge: 0 }) } : noStore;
    return data({ ok: true as const, intent: body._intent, answer: { outcome: answer.outcome, hostName: answer.hostName, visitorName: answer.visitorName } }, { headers });
  },
});

export default function EntrancePage() {
  const { t } = useTranslation("access");
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const answer = result && result.ok ? result.answer : undefined;
  const failed = result && !result.ok ? result : undefined;
  const errors = failed?.errors;
  const v = (failed?.values ?? {}) as Record<string, string>;
  const on = (intent: string) => (failed?.intent === intent ? errors : undefined);
  return (
    <div className="stack narrow entrance-page">
      <h1>{t("entrance.title", { building: page.buildingName })}</h1>
      <p>{t("entrance.intro", { entrance: page.entranceName })}</p>
      {answer ? <KioskAnswer answer={answer} /> : null}
      <ErrorSummary errors={errors} fieldIds={{ link: failed?.intent === "checkout" ? "checkout-link" : "checkin-link" }} />

      <section aria-labelledby="with-invitation">
        <h2 id="with-invitation">{t("entrance.withInvitation")}</h2>
        <p>{t("entrance.withInvitationIntro")}</p>
        <Form method="post">
          <input type="hidden" name={INTENT_FIELD} value="checkin" />
          <TextField
            name="link"
            id="checkin-link"
            label={t("entrance.link")}
            hint={t("entrance.linkHint", { origin: page.origin })}
            error={on("checkin")?.link}
            defaultValue={failed?.intent === "checkin" ? v.link : undefined}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="button">
            {t("entrance.checkIn")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="without-invitation">
        <h2 id="without-invitation">{t("entrance.withoutInvitation")}</h2>
        <p>{t("entrance.withoutInvitationIntro")}</p>
        <Form method="post">
          <input type="hidden" name={INTENT_FIELD} value="walkin" />
          <TextField name="name" label={t("entrance.name")} error={on("walkin")?.name} defaultValue={v.name} autoComplete="name" required />
          <div className={`field${on("walkin")?.hostId ? " field-error" : ""}`}>
            <label htmlFor="hostId">{t("entrance.host")}</label>
            {on("walkin")?.hostId ? (
              <p className="error-message" id="hostId-error">
                {t(on("walkin")!.hostId!)}
              </p>
            ) : null}
            <select id="hostId" name="hostId" defaultValue={v.hostId ?? RECEPTION} aria-describedby={on("walkin")?.hostId ? "hostId-error" : undefined}>
              <option value={RECEPTION}>{t("entrance.reception")}</option>
              {page.hosts.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </div>
          <TextField name="purpose" label={t("entrance.purpose")} error={on("walkin")?.purpose} defaultValue={v.purpose} required />
          <p id="privacy-notice">
            {t("entrance.privacyNotice", { days: page.retentionDays })} <Link to="/privacy">{t("entrance.privacyLink")}</Link>
          </p>
          <div className={`field choice${on("walkin")?.privacy ? " field-error" : ""}`}>
            {on("walkin")?.privacy ? (
              <p className="error-message" id="privacy-error">
                {t(on("walkin")!.privacy!)}
              </p>
            ) : null}
            <input type="checkbox" id="privacy" name="privacy" value="on" required aria-describedby={on("walkin")?.privacy ? "privacy-notice privacy-error" : "privacy-notice"} />
            <label htmlFor="privacy">{t("entrance.privacy")}</label>
          </div>
          <button type="submit" className="button">
            {t("entrance.ask")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="leaving">
        <h2 id="leaving">{t("entrance.leaving")}</h2>
        <p>{t("entrance.leavingIntro")}</p>
        <Form method="post">
          <input type="hidden" name={INTENT_FIELD} value="checkout" />
          {page.hasVisit ? <p>{t("entrance.remembered")}</p> : <TextField name="link" id="checkout-link" label={t("entrance.leavingLink")} autoComplete="off" spellCheck={false} />}
          <button type="submit" className="button">
            {t("entrance.leave")}
          </button>
        </Form>
      </section>
    </div>
  );
}
