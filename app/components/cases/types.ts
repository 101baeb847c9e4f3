import type { SerializeFrom } from "@remix-run/node";
import type { staffCasePage } from "~/modules/cases/staff-case-page.server";

/** The back-office case page's data as the browser gets it. */
export type CaseView = SerializeFrom<typeof staffCasePage>;
