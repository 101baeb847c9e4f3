import type { Language, PreferredChannel, Role } from "../db/schema";

/** Demo logins for local use only; listed in README.md. Refused when NODE_ENV=production. */
export const DEMO_STAFF_PASSWORD = "Mechelen-demo-2026";

/**
 * Demo staff. Every team that receives cases has at least one back-office member, so no demo
 * request waits in an empty team; `leadOf` makes the member that team's lead (team queue,
 * "Zonder behandelaar", assigning, the daily overview).
 */
export const DEMO_STAFF: { name: string; email: string; roles: Role[]; teamSlugs: string[]; leadOf?: string[] }[] = [
  { name: "Fien Frontoffice", email: "frontoffice@example.com", roles: ["frontoffice"], teamSlugs: ["burgerzaken"] },
  // A second counter agent: two desks serve at once (and two e2e journeys can run side by side).
  { name: "Lotte Loket", email: "frontoffice.2@example.com", roles: ["frontoffice"], teamSlugs: ["burgerzaken"] },
  { name: "Bart Backoffice", email: "backoffice@example.com", roles: ["backoffice"], teamSlugs: ["burgerzaken"] },
  { name: "Wout Welzijn", email: "backoffice.welzijn@example.com", roles: ["backoffice"], teamSlugs: ["welzijn"], leadOf: ["welzijn"] },
  { name: "Eva Redactie", email: "redactie@example.com", roles: ["editor"], teamSlugs: ["welzijn"] },
  { name: "Raf Eindredactie", email: "eindredactie@example.com", roles: ["editor"], teamSlugs: ["welzijn"] },
  { name: "Hanne Gastvrouw", email: "gastheer@example.com", roles: ["host"], teamSlugs: ["welzijn"] },
  { name: "Tine Teamlead", email: "teamlead@example.com", roles: ["backoffice"], teamSlugs: ["burgerzaken"], leadOf: ["burgerzaken"] },
  { name: "Mo Mobiel", email: "backoffice.mobiliteit@example.com", roles: ["backoffice"], teamSlugs: ["mobiliteit"], leadOf: ["mobiliteit"] },
  { name: "Fleur Facility", email: "backoffice.facility@example.com", roles: ["backoffice"], teamSlugs: ["facility"], leadOf: ["facility"] },
  { name: "Pim Participatie", email: "backoffice.participatie@example.com", roles: ["backoffice"], teamSlugs: ["participatie"], leadOf: ["participatie"] },
  { name: "Vera Vrijetijd", email: "backoffice.vrijetijd@example.com", roles: ["backoffice"], teamSlugs: ["vrije-tijd"], leadOf: ["vrije-tijd"] },
  { name: "Wim Wonen", email: "backoffice.wonen@example.com", roles: ["backoffice"], teamSlugs: ["wonen-energie"], leadOf: ["wonen-energie"] },
  { name: "Ahmed Beheer", email: "beheer@example.com", roles: ["admin"], teamSlugs: ["burgerzaken"] },
];

export const DEMO_RESIDENTS: { name: string; email: string; preferredLanguage: Language; preferredChannel: PreferredChannel }[] = [
  { name: "An Peeters", email: "an.peeters@example.com", preferredLanguage: "nl", preferredChannel: "email" },
  { name: "John Smith", email: "john.smith@example.com", preferredLanguage: "en", preferredChannel: "email" },
  { name: "Marie Dubois", email: "marie.dubois@example.com", preferredLanguage: "fr", preferredChannel: "paper" },
];

/** Reference data, seeded everywhere: the teams that handle the city's services. */
export const TEAMS = [
  { slug: "burgerzaken", name: "Burgerzaken" },
  { slug: "welzijn", name: "Welzijn (Sociaal Huis)" },
  { slug: "vrije-tijd", name: "Vrije tijd" },
  { slug: "wonen-energie", name: "Wonen en energie" },
  { slug: "mobiliteit", name: "Mobiliteit" },
  { slug: "participatie", name: "Participatie" },
  { slug: "facility", name: "Facility" },
];
