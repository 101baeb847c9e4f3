import type { ContactOutcome } from "../../../db/schema/contacts";

/** Shared by the inbox module and its pages (no server-only imports here). */
export const HANDLED_OUTCOMES = ["answered", "referred", "follow_up"] as const satisfies readonly ContactOutcome[];
export type HandledOutcome = (typeof HANDLED_OUTCOMES)[number];
