import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxGroup, ErrorSummary, Notice, RadioGroup, TextField, HintAndError, describedBy } from "~/components/forms";
import { contactMomentInput, REGISTERED_CHANNELS } from "~/modules/contacts/contact-moment-schema";
import { articlesBySlug, contactFormContext, registerContactMoment } from "~/modules/contacts/contact-moments.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { searchArticles } from "~/modules/knowledge/search.server";
import { parseWith } from "~/utils/forms";
import { getLanguage } from "~/utils/i18next.server";
import { uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "contactNew");
export const handle = { i18n: ["contacts"] };

const OUTCOMES = ["answered", "request_filed", "referred", "follow_up"] as const;

const guard = (request: Request) => requireStaffCan(request, "residents.serve");
/** An optional resident id: blank is "no resident", anything else must be an id. */
const optionalResident = z.preprocess((v) => (v === "" ? undefined : v), uuid.optional());

export const loader = loaderOf({
  guard,
  query: z.object({ bewoner: optionalResident, opgeslagen: z.string().max(10).optional() }),
  run: async ({ actor, query }) => {
    const { resident, ticket } = await contactFormContext(actor, query.bewoner ?? null);
    return { resident, ticket: ticket ? { id: ticket.id, number: ticket.number } : null };
  },
});

type Hit = { slug: string; title: string };
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

export const action = actionOf({
  guard,
  // The moment itself is checked by contactMomentInput below (a search keeps the form as typed).
  body: z.object({ _intent: z.enum(["enter", "search", "save"]).optional(), residentId: optionalResident }).passthrough(),
  run: async ({ actor, body, values, request }) => {
    await contactFormContext(actor, body.residentId ?? null);
    const lng = await getLanguage(request);
    const chosen = list(values.articles);
    // The articles already ticked stay on the page, whatever the next search finds.
    const chosenHits: Hit[] = (
      await articlesBySlug(
        chosen.filter((s) => /^[a-z0-9-]{1,120}$/.test(s)),
        lng,
      )
    ).map(({ slug, title }) => ({ slug, title }));

    // Enter in a text field (implicit submission, "enter") saves, unless the Mikipedia box holds a
    // query that was not searched yet: then the agent typed it and pressed Enter to search. The
    // server cannot know which field had focus; this tells the two cases apart without JavaScript.
    let intent: string | undefined = body._intent;
    if (intent === "enter") {
      const query = String(values.q ?? "").trim();
      intent = query && query !== String(values.searched ?? "").trim() ? "search" : "save";
    }

    if (intent === "search") {
      const query = String(values.q ?? "").slice(0, 200);
      const found = await searchArticles({ query, language: lng, limit: 8 });
      return data({
        ok: true as const,
        searched: true,
        values,
        hits: found.results.map((r) => ({ slug: r.slug, title: r.title })),
        chosenHits,
        didYouMean: found.didYouMean,
        errors: undefined,
      });
    }

    const parsed = parseWith(contactMomentInput, values, values);
    if (!parsed.ok) return data({ ok: false as const, searched: false, values, hits: [] as Hit[], chosenHits, didYouMean: null, errors: parsed.errors }, { status: 400 });
    const result = await registerContactMoment(actor, parsed.data);
    if (!result.ok) return data({ ok: false as const, searched: false, values, hits: [] as Hit[], chosenHits, didYouMean: null, errors: result.errors }, { status: 400 });
    return redirect(result.residentId ? `/werk/bewoners/${result.residentId}?opgeslagen=1` : "/werk/contacten/nieuw?opgeslagen=1");
  },
});

export default function RegisterContact() {
  const { t } = useTranslation("contacts");
  const { resident, ticket } = useLoaderData<typeof loader>();
  // A body the kernel refused (or a domain error) has no search results: an empty search part then.
  const raw = useActionData<typeof action>();
  const result = raw && "chosenHits" in raw ? raw : raw ? { ...raw, searched: false, hits: [] as Hit[], chosenHits: [] as Hit[], didYouMean: null } : undefined;
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const values = (result?.values ?? {}) as Record<string, string | string[]>;
  const v = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");
  const errors = result?.errors;
  const chosen = result ? list(values.articles) : [];
  const options = [...(result?.chosenHits ?? []), ...(result?.hits ?? []).filter((h) => !result?.chosenHits.some((c) => c.slug === h.slug))];
  const ticketChecked = result ? v("ticketId") === ticket?.id : true;
  // The query of the last search, sent back so the server knows whether Enter meant "search".
  const lastSearched = result?.searched ? v("q") : v("searched");
  const searchButton = useRef<HTMLButtonElement>(null);
  // Enter in the search box always searches with JavaScript, also a query searched before
  // (without JavaScript the action decides: see "enter" there).
  const searchOnEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== "Enter" || e.nativeEvent.isComposing) return;
    e.preventDefault();
    searchButton.current?.click();
  };
  return (
    <div className="stack narrow">
      {resident ? (
        <p className="muted">
          <Link to={`/werk/bewoners/${resident.id}`}>{t("intake.back")}</Link>
        </p>
      ) : null}
      {params.has("opgeslagen") ? <Notice>{t("contact.savedAnonymous")}</Notice> : null}
      <h1>{t("contact.title")}</h1>
      <p>{resident ? t("contact.forResident", { name: resident.name }) : t("contact.anonymous")}</p>
      <ErrorSummary errors={errors} fieldIds={{ channel: "channel-counter", outcome: "outcome-answered", articles: options[0] ? `articles-${options[0].slug}` : "q" }} />
      <Form method="post" className="stack" noValidate>
        {/* Enter in a text field presses the form's first submit button (implicit submission). This
            hidden one sends "enter": the action saves, or searches when the Mikipedia box holds a
            query not searched yet, so Enter does what the agent means, also without JavaScript.
            Hidden from sight, the keyboard and assistive tech (the real buttons follow). Kept
            rendered rather than display:none: Chromium honours both, a rendered one relies on less. */}
        <button type="submit" name="_intent" value="enter" className="visually-hidden" aria-hidden="true" tabIndex={-1} disabled={busy}>
          {t("contact.submit")}
        </button>
        <input type="hidden" name="searched" value={lastSearched} />
        {resident ? <input type="hidden" name="residentId" value={resident.id} /> : null}
        <RadioGroup
          name="channel"
          legend={t("contact.channel")}
          options={REGISTERED_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))}
          value={result ? v("channel") : ticket ? "counter" : undefined}
          error={errors?.channel}
        />
        <TextField name="subject" label={t("contact.subject")} defaultValue={v("subject")} error={errors?.subject} maxLength={200} />
        <div className={`field${errors?.summary ? " field-error" : ""}`}>
          <label htmlFor="summary">
            {t("contact.summary")} {t("contact.optional")}
          </label>
          <HintAndError id="summary" hint={t("contact.summaryHint")} error={errors?.summary} />
          <textarea
            id="summary"
            name="summary"
            rows={4}
            defaultValue={v("summary")}
            aria-describedby={describedBy("summary", true, errors?.summary)}
            aria-invalid={errors?.summary ? true : undefined}
          />
        </div>
        <section className="card stack" aria-labelledby="articles-title">
          <h2 id="articles-title">{t("contact.articles")}</h2>
          <p className="hint">{t("contact.articlesHint")}</p>
          <div className="field">
            <label htmlFor="q">{t("contact.searchLabel")}</label>
            <div className="search-row">
              <input id="q" name="q" type="search" defaultValue={v("q")} autoComplete="off" onKeyDown={searchOnEnter} />
              <button ref={searchButton} type="submit" name="_intent" value="search" className="button button-secondary" disabled={busy}>
                {t("contact.searchButton")}
              </button>
            </div>
          </div>
          {result?.searched && result.didYouMean ? <p>{t("contact.didYouMean", { query: result.didYouMean })}</p> : null}
          {result?.searched && !result.hits.length ? <p role="status">{t("contact.noArticles")}</p> : null}
          {options.length ? (
            <div aria-live="polite">
              <CheckboxGroup
                key={options.map((o) => o.slug).join(",")}
                name="articles"
                legend={t("contact.articles")}
                options={options.map((o) => ({ value: o.slug, label: o.title }))}
                values={chosen}
                error={errors?.articles}
              />
            </div>
          ) : errors?.articles ? (
            <HintAndError id="articles" error={errors.articles} />
          ) : null}
        </section>
        <RadioGroup
          name="outcome"
          legend={t("contact.outcome")}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
          value={v("outcome")}
          error={errors?.outcome}
        />
        {ticket ? (
          <div className="choice">
            <input type="checkbox" id="ticketId" name="ticketId" value={ticket.id} defaultChecked={ticketChecked} />
            <label htmlFor="ticketId">{t("contact.ticket", { number: ticket.number })}</label>
          </div>
        ) : null}
        <TextField
          name="caseReference"
          label={`${t("contact.caseReference")} ${t("contact.optional")}`}
          hint={t("contact.caseReferenceHint")}
          defaultValue={v("caseReference")}
          error={errors?.caseReference}
          autoComplete="off"
        />
        <div>
          <button type="submit" name="_intent" value="save" className="button" disabled={busy}>
            {t("contact.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
