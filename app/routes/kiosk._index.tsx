import { data, redirect, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { z } from "zod";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms";
import { KIOSK_ANSWER_SECONDS, KioskAnswer, kioskAnswerClears, type KioskAnswerView } from "~/components/KioskAnswer";
import { KioskCamera } from "~/components/KioskCamera";
import { KioskSignOut } from "~/components/KioskSignOut";
import { useOfflineKiosk } from "~/components/useOfflineKiosk";
import { activeKiosk, confirmKioskSignOut, kioskCookie, kioskIdFromRequest, loginKiosk } from "~/modules/access/kiosks.server";
import { scanAtKiosk } from "~/modules/access/scan.server";
import { scanSchema } from "~/modules/access/schemas";
import { actionOf, anyone, domainErrorResponse, INTENT_FIELD, loaderOf } from "~/utils/kernel";
import { clientIp } from "~/utils/request.server";
import { pageMeta } from "~/i18n/meta";
import { DomainError } from "~/modules/platform/errors";

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const refresh = actionHeaders.get("Refresh");
  return refresh ? { Refresh: refresh } : new Headers();
};

export const meta: MetaFunction = (args) => pageMeta(args, "kioskAccess");
// A door kiosk stands in public: no menu, no account links (see root Layout).
export const handle = { i18n: ["access"], kiosk: true };

export const loader = loaderOf({
  guard: (request) => kioskIdFromRequest(request),
  run: async ({ actor: id }) => {
    const kiosk = id ? await activeKiosk(id) : undefined;
    return { kiosk: kiosk ?? null, wasRevoked: Boolean(id && !kiosk) };
  },
});

const kioskActions = z.discriminatedUnion(INTENT_FIELD, [
  z.object({ [INTENT_FIELD]: z.literal("login"), credential: z.string().max(500).default("") }),
  // Staff confirm with the kiosk's key; one tap by a passer-by does nothing (KioskSignOut).
  z.object({ [INTENT_FIELD]: z.literal("logout"), credential: z.string().max(500).default("") }),
  // Scanners may send a trailing line ending; nothing else is trimmed (base45 may end in a space).
  scanSchema.extend({ [INTENT_FIELD]: z.literal("scan") }),
]);

export const action = actionOf({
  guard: anyone,
  body: kioskActions,
  run: async ({ body, request, context }) => {
    switch (body._intent) {
      case "login":
        try {
          const id = await loginKiosk(body.credential, clientIp(context));
          return redirect("/kiosk", { headers: { "Set-Cookie": await kioskCookie().serialize(id) } });
        } catch (err) {
          // The credential is a secret: it is never sent back to the page.
          return domainErrorResponse(err, {}, body._intent);
        }
      case "logout": {
        const kioskId = await kioskIdFromRequest(request);
        try {
          if (kioskId) await confirmKioskSignOut(kioskId, body.credential, clientIp(context));
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          return data({ ok: false as const, logout: true as const, errors: { _form: err.messageKey }, values: {} }, { status: err.status });
        }
        return redirect("/kiosk", { headers: { "Set-Cookie": await kioskCookie().serialize("", { maxAge: 0 }) } });
      }
      case "scan": {
        const kioskId = await kioskIdFromRequest(request);
        if (!kioskId) return redirect("/kiosk");
        const answer = await scanAtKiosk(kioskId, body.code);
        // Without JavaScript the answer (with the visitor's name) clears by a refresh; with it, KioskAnswer's timer does.
        const refresh: Record<string, string> = kioskAnswerClears(answer.outcome) ? { Refresh: `${KIOSK_ANSWER_SECONDS}; url=/kiosk` } : {};
        return data({ ok: true as const, answer: { outcome: answer.outcome, hostName: answer.hostName, visitorName: answer.visitorName } }, { headers: refresh });
      }
    }
  },
});

export default function Kiosk() {
  const { t } = useTranslation("access");
  const { kiosk, wasRevoked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // With JavaScript the kiosk scans through fetch and, without network, decides by itself (useOfflineKiosk).
  const offline = useOfflineKiosk(kiosk?.id ?? null);
  const [local, setLocal] = useState<{ answer: KioskAnswerView } | undefined>();
  useEffect(() => setLocal(undefined), [result]);
  const answer: KioskAnswerView | undefined = local?.answer ?? (result && "answer" in result ? result.answer : undefined);

  const onScan = (event: FormEvent<HTMLFormElement>) => {
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    // An empty field, or no IndexedDB: the plain form post, as without JavaScript.
    if (!code || !offline.ready) return;
    event.preventDefault();
    // If even the kiosk's own storage fails, nobody is let in: the visitor goes to the reception.
    void offline.scan(code).then(
      (a) => setLocal({ answer: a }),
      () => setLocal({ answer: { outcome: "offline_stale", offline: true } }),
    );
  };

  // Ready for the next visitor: a focused field (USB scanners type into it), emptied when an
  // answer arrives. Not on the first render nor when an answer goes away: a code typed or scanned
  // while the page was still loading (before hydration) or being typed then must stay.
  useEffect(() => {
    const field = document.getElementById("code") as HTMLInputElement | null;
    if (!field) return;
    if (answer) field.value = "";
    field.focus();
  }, [answer]);

  if (!kiosk) {
    const errors = result && !result.ok ? result.errors : undefined;
    return (
      <div className="stack narrow">
        <h1>{t("kiosk.loginTitle")}</h1>
        {wasRevoked ? <KioskAnswer answer={{ outcome: "kiosk_revoked" }} /> : null}
        <ErrorSummary errors={errors} />
        <p>{t("kiosk.loginIntro")}</p>
        <Form method="post">
          <input type="hidden" name="_intent" value="login" />
          <TextField name="credential" label={t("kiosk.credential")} autoComplete="off" spellCheck={false} required />
          <button type="submit" className="button">
            {t("kiosk.login")}
          </button>
        </Form>
      </div>
    );
  }

  const errors = result && !result.ok && !("logout" in result) ? result.errors : undefined;
  return (
    <div className="stack kiosk">
      <h1>
        {t("kiosk.title", { building: kiosk.buildingName })}
        <span className="kiosk-mode">
          {kiosk.entranceName} · {kiosk.mode === "exit" ? t("kiosk.exit") : t("kiosk.entry")}
        </span>
      </h1>
      {offline.offline ? (
        <p className="kiosk-offline-note">
          {t("kiosk.offline.note")} {offline.queued ? t("kiosk.offline.queued", { count: offline.queued }) : null}
        </p>
      ) : null}
      {answer ? <KioskAnswer answer={answer} /> : <p className="kiosk-instruction">{t("kiosk.instruction")}</p>}
      <ErrorSummary errors={errors} fieldIds={{ code: "code" }} />
      <Form method="post" id="kiosk-scan" className="kiosk-form" onSubmit={onScan}>
        <input type="hidden" name="_intent" value="scan" />
        <TextField
          name="code"
          label={t("kiosk.codeLabel")}
          hint={t("kiosk.codeHint")}
          error={errors?.code}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          autoFocus
        />
        <button type="submit" className="button">
          {t("kiosk.check")}
        </button>
      </Form>
      <KioskCamera formId="kiosk-scan" fieldId="code" />
      <KioskSignOut error={result && "logout" in result ? result.errors._form : undefined} queued={offline.queued} />
    </div>
  );
}
