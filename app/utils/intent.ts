/** The field every form posts to say which action it asks for (a discriminated union on it). */
export const INTENT_FIELD = "_intent";
