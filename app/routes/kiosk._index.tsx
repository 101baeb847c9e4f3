import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField } from "~/components/forms";
import { KioskAnswer } from "~/components/KioskAnswer";
import { KioskCamera } from "~/components/KioskCamera";
import { KioskSignOut } from "~/components/KioskSignOut";
import { activeKiosk, confirmKioskSignOut, kioskCookie, kioskIdFromRequest, loginKiosk } from "~/modules/access/kiosks.server";
import { scanAtKiosk } from "~/modules/access/scan.server";
import { scanSchema } from "~/modules/access/schemas";
import { DomainError } from "~/modules/platform/errors";
import { parseWith } from "~/utils/forms";
import { clientIp, domainErrorToForm } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Toegang – Digitaal Huis van de Mechelaar" }];
// A door kiosk stands in public: no menu, no account links (see root Layout).
export const handle = { i18n: ["access"], kiosk: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const id = await kioskIdFromRequest(request);
  const kiosk = id ? await activeKiosk(id) : undefined;
  return { kiosk: kiosk ?? null, wasRevoked: Boolean(id && !kiosk) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "login") {
    const values = { credential: "" };
    try {
      const id = await loginKiosk(String(form.get("credential") ?? ""), clientIp(context));
      return redirect("/kiosk", { headers: { "Set-Cookie": await kioskCookie().serialize(id) } });
    } catch (err) {
      return domainErrorToForm(err, values);
    }
  }
  const kioskId = await kioskIdFromRequest(request);
  if (intent === "logout") {
    // Staff confirm with the kiosk's key; one tap by a passer-by does nothing (KioskSignOut).
    try {
      if (kioskId) await confirmKioskSignOut(kioskId, String(form.get("credential") ?? ""), clientIp(context));
      return redirect("/kiosk", { headers: { "Set-Cookie": await kioskCookie().serialize("", { maxAge: 0 }) } });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return data({ ok: false as const, logout: true as const, errors: { _form: err.messageKey }, values: {} }, { status: err.status });
    }
  }
  if (!kioskId) return redirect("/kiosk");
  // Scanners may send a trailing line ending; nothing else is trimmed (base45 may end in a space).
  const parsed = parseWith(scanSchema, { code: String(form.get("code") ?? "") });
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, values: {} }, { status: 400 });
  const answer = await scanAtKiosk(kioskId, parsed.data.code);
  return { ok: true as const, answer: { outcome: answer.outcome, hostName: answer.hostName, visitorName: answer.visitorName } };
}

export default function Kiosk() {
  const { t } = useTranslation("access");
  const { kiosk, wasRevoked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const answer = result && "answer" in result ? result.answer : undefined;

  // Ready for the next visitor: an empty, focused field (USB scanners type into it).
  useEffect(() => {
    const field = document.getElementById("code") as HTMLInputElement | null;
    if (field) {
      field.value = "";
      field.focus();
    }
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
          <input type="hidden" name="intent" value="login" />
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
      {answer ? <KioskAnswer answer={answer} /> : <p className="kiosk-instruction">{t("kiosk.instruction")}</p>}
      <ErrorSummary errors={errors} fieldIds={{ code: "code" }} />
      <Form method="post" id="kiosk-scan" className="kiosk-form">
        <input type="hidden" name="intent" value="scan" />
        <TextField name="code" label={t("kiosk.codeLabel")} hint={t("kiosk.codeHint")} error={errors?.code} autoComplete="off" spellCheck={false} autoCapitalize="characters" autoFocus />
        <button type="submit" className="button">
          {t("kiosk.check")}
        </button>
      </Form>
      <KioskCamera formId="kiosk-scan" fieldId="code" />
      <KioskSignOut error={result && "logout" in result ? result.errors._form : undefined} />
    </div>
  );
}
