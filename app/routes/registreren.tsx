import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormResult } from "~/components/useFormResult";
import { ErrorSummary, RadioGroup, TextField } from "~/components/forms";
import { registerResident } from "~/modules/identity/auth.server";
import { pendingLoginCookie } from "~/modules/identity/pending-login.server";
import { registerSchema } from "~/modules/identity/schemas";
import { getLanguage } from "~/utils/i18next.server";
import { clientIp } from "~/utils/request.server";
import { actionOf, anyone, loaderOf } from "~/utils/kernel";
import { safeRedirect } from "~/utils/safe-redirect";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "register");

export const loader = loaderOf({
  guard: anyone,
  query: z.object({ redirectTo: z.string().max(2000).optional() }),
  run: async ({ request, query }) => ({ language: await getLanguage(request), redirectTo: safeRedirect(query.redirectTo, "/mijn") }),
});

export const action = actionOf({
  guard: anyone,
  body: registerSchema.extend({ redirectTo: z.string().optional() }),
  run: async ({ body: { redirectTo, ...input }, context }) => {
    await registerResident(input, clientIp(context));
    return redirect("/aanmelden/code", {
      headers: { "Set-Cookie": await pendingLoginCookie().serialize({ email: input.email, redirectTo: safeRedirect(redirectTo, "/mijn"), registering: true }) },
    });
  },
});

export default function Register() {
  const { t } = useTranslation(["auth", "common"]);
  const { language, redirectTo } = useLoaderData<typeof loader>();
  const { errors, values, busy } = useFormResult();
  return (
    <div className="stack narrow">
      <h1>{t("register.title")}</h1>
      <p>{t("register.intro")}</p>
      <ErrorSummary errors={errors} fieldIds={{ preferredLanguage: "preferredLanguage-nl", preferredChannel: "preferredChannel-email" }} />
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField name="name" label={t("register.name")} autoComplete="name" defaultValue={values.name} error={errors?.name} required />
        <TextField
          name="email"
          type="email"
          label={t("register.email")}
          hint={t("register.emailHint")}
          autoComplete="email"
          spellCheck={false}
          defaultValue={values.email}
          error={errors?.email}
          required
        />
        <RadioGroup
          name="preferredLanguage"
          legend={t("register.language")}
          value={values.preferredLanguage ?? language}
          error={errors?.preferredLanguage}
          options={[
            { value: "nl", label: "Nederlands", lang: "nl" },
            { value: "en", label: "English", lang: "en" },
            { value: "fr", label: "Français", lang: "fr" },
          ]}
        />
        <RadioGroup
          name="preferredChannel"
          legend={t("register.channel")}
          hint={t("register.channelHint")}
          value={values.preferredChannel ?? "email"}
          error={errors?.preferredChannel}
          options={[
            { value: "email", label: t("register.channelEmail") },
            { value: "paper", label: t("register.channelPaper") },
          ]}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("register.submit")}
        </button>
      </Form>
      <p>
        {t("register.haveAccount")} <Link to="/aanmelden">{t("register.toLogin")}</Link>
      </p>
    </div>
  );
}
