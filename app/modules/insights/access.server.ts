import { assertCan, can } from "~/modules/identity/permissions";
import type { CurrentUser } from "~/modules/identity/users.server";
import { parseWith, type FieldErrors } from "~/utils/forms";
import { teamsFor } from "./dashboard.server";
import { defaultPeriod, periodSchema, type Period } from "./period";

/**
 * Who sees the dashboard: admins (every team, or all together) and back-office staff
 * (their own teams only; the first one when none is chosen). The dashboard holds only
 * counts and averages, no personal data, so opening it is not audited. The route's guard
 * checks "insights.view"; the team chosen is checked here (permissions.ts).
 */
export async function dashboardRequest(
  user: CurrentUser,
  url: URL,
): Promise<
  | { ok: true; period: Period; teams: { id: string; name: string }[]; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; teams: { id: string; name: string }[]; values: Record<string, string> }
> {
  assertCan(user, "insights.view");
  const teams = await teamsFor(user);
  const isAdmin = can(user, "admin.manage");
  const def = defaultPeriod();
  const values: Record<string, string> = {
    van: url.searchParams.get("van") ?? def.van,
    tot: url.searchParams.get("tot") ?? def.tot,
    team: url.searchParams.get("team") ?? (isAdmin ? "" : (teams[0]?.id ?? "")),
  };
  const parsed = parseWith(periodSchema, values, values);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, teams, values };
  const teamId = parsed.data.team || null;
  if (!isAdmin) assertCan(user, "insights.view", { teamId });
  if (teamId && isAdmin && !teams.some((t) => t.id === teamId)) return { ok: false, errors: { team: "insights:errors.team" }, teams, values };
  return { ok: true, period: { from: parsed.data.van, to: parsed.data.tot, teamId }, teams, values };
}
