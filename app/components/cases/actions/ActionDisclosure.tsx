import { Form } from "@remix-run/react";
import type { CaseIntent } from "~/modules/cases/backoffice-schemas";
import type { ActionState } from "./state";

/**
 * One action of the case page behind its own disclosure: closed until the agent opens it
 * (a native <details>, so it works without JavaScript; browsers that know `name` keep one open
 * at a time). The form that failed validation opens again with its errors and values.
 */
export function ActionDisclosure({
  intent,
  title,
  hint,
  state,
  children,
  versioned = true,
}: {
  intent: CaseIntent;
  title: string;
  hint?: string;
  state: ActionState;
  children: React.ReactNode;
  versioned?: boolean;
}) {
  const open = state.failed?.intent === intent;
  return (
    <section className="card case-action" aria-labelledby={`${intent}-title`}>
      <details name="case-action" open={open}>
        <summary>
          <span id={`${intent}-title`} className="case-action-title">
            {title}
          </span>
        </summary>
        {hint ? <p className="hint">{hint}</p> : null}
        <Form method="post" className="stack">
          {versioned ? <input type="hidden" name="version" value={state.version} /> : null}
          {children}
        </Form>
      </details>
    </section>
  );
}

/** The form's submit button, naming the action it asks for. */
export function Submit({ intent, label, busy, secondary = false }: { intent: CaseIntent; label: string; busy: boolean; secondary?: boolean }) {
  return (
    <div>
      <button type="submit" className={secondary ? "button button-secondary" : "button"} name="_intent" value={intent} disabled={busy}>
        {label}
      </button>
    </div>
  );
}
