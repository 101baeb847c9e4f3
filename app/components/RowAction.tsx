import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { INTENT_FIELD } from "~/utils/intent";

/**
 * The action button in one row of an admin table (retry a mail, revoke a kiosk, clear a desk,
 * check a visitor out): a small form that posts the row's ids as hidden fields, so it works
 * without JavaScript. `label` names the row for screen readers when the button text alone
 * ("Intrekken") would be the same in every row.
 */
export function RowAction({
  intent,
  fields,
  label,
  children,
  before,
  formClassName = "inline-form",
  buttonClassName = "link-button",
}: {
  intent?: string;
  fields: Record<string, string>;
  label?: string;
  children: ReactNode;
  /** Text shown in the form before the button (e.g. the row's current state). */
  before?: ReactNode;
  formClassName?: string;
  buttonClassName?: string;
}) {
  return (
    <Form method="post" className={formClassName}>
      {before}
      {intent ? <input type="hidden" name={INTENT_FIELD} value={intent} /> : null}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={buttonClassName} aria-label={label}>
        {children}
      </button>
    </Form>
  );
}
