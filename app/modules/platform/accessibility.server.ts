import { env } from "~/utils/env.server";

/**
 * The accessibility statement's facts (EU model, Commission Implementing Decision (EU)
 * 2018/1523). Update `reviewed` whenever the statement is checked again; the contact
 * details come from the configuration (README: ACCESSIBILITY_CONTACT_*).
 */
export const ACCESSIBILITY_STATEMENT = {
  /** Self-assessment plus the automated axe checks of the test suite. */
  prepared: "2026-12-07",
  reviewed: "2026-12-07",
  /** Partially compliant with WCAG 2.1 AA (EN 301 549): see the known non-accessible content. */
  status: "partial" as const,
  feedbackFormPath: "/aanvragen/vraag-aan-de-stad",
  ombudsmanUrl: "https://www.vlaamseombudsdienst.be",
};

export function accessibilityStatement() {
  const e = env();
  return { ...ACCESSIBILITY_STATEMENT, email: e.ACCESSIBILITY_CONTACT_EMAIL, phone: e.ACCESSIBILITY_CONTACT_PHONE };
}
