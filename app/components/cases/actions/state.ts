import type { CaseIntent } from "~/modules/cases/backoffice-schemas";

/** What every action form of the case page needs: the version it was built from, and the failed post (if any). */
export type ActionState = {
  version: number;
  busy: boolean;
  failed?: { intent?: string; errors: Record<string, string | undefined>; values: Record<string, unknown> };
};

/** The value typed into the form that failed, so nothing is lost (also after a conflict). */
export const valueOf = (s: ActionState, intent: CaseIntent, name: string) =>
  s.failed?.intent === intent && typeof s.failed.values[name] === "string" ? (s.failed.values[name] as string) : undefined;

/** A field's error, only for the form that was posted. */
export const errorOf = (s: ActionState, intent: CaseIntent, name: string) => (s.failed?.intent === intent ? s.failed.errors[name] : undefined);

/** Field ids on this page carry the form's name ("ask-question", "extend-reason"), for the error summary's links. */
export const fieldIdsOf = (s: ActionState) => Object.fromEntries(Object.keys(s.failed?.errors ?? {}).map((k) => [k, `${s.failed?.intent ?? ""}-${k}`]));
