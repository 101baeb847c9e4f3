import { useActionData, useNavigation } from "@remix-run/react";

type Failure = { ok: false; intent?: string; errors: Record<string, string>; values: Record<string, string | string[]> };

/**
 * What a form page needs from its action's answer: the field errors, the values as the
 * person typed them (so nothing is lost), and whether a submission is under way.
 */
export function useFormResult() {
  const result = useActionData() as Failure | { ok: true } | undefined;
  const failed = result && !result.ok ? result : undefined;
  return {
    errors: failed?.errors,
    /** Which form failed (the `_intent` it posted), on pages with several. */
    intent: failed?.intent,
    values: (failed?.values ?? {}) as Record<string, string>,
    rawValues: failed?.values ?? {},
    submitted: Boolean(result),
    busy: useNavigation().state === "submitting",
  };
}
