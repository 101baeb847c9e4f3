export const SESSION_COOKIE = "__mechelaar_session";
