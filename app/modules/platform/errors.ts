/** Errors a module throws on purpose; routes map them to status codes and translated messages. */
export type DomainErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID_STATE" | "RATE_LIMITED" | "VALIDATION" | "UNAUTHENTICATED";

const STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
};

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** An i18n key (namespace:key) with the message for the user. */
    readonly messageKey: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${messageKey}`);
  }
  get status() {
    return STATUS[this.code];
  }
}
