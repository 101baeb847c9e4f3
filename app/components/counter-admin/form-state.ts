/** The answer of the counter admin page's action, as its sections need it. */
export type FormState = { failed?: string; errors?: Record<string, string | undefined>; values: Record<string, string>; rawValues: Record<string, string | string[]> };

/** The errors, only for the form(s) that failed. */
export const errorsFor = (f: FormState, ...intents: string[]) => (f.failed && intents.includes(f.failed) ? f.errors : undefined);
