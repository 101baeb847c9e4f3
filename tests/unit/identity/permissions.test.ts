import { describe, expect, it } from "vitest";
import { ACTIONS, assertCan, can, type Action, type Actor } from "../../../app/modules/identity/permissions";
import { DomainError } from "../../../app/modules/platform/errors";
import { ROLES, type Role } from "../../../db/schema";

const TEAM = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const actor = (role: Role, teams: string[] = [TEAM]): Actor => ({ id: `u-${role}`, roles: [role], isStaff: role !== "resident", teams: teams.map((id) => ({ id })) });

/** The whole table, one row per role: what each role may do without a resource. */
const TABLE: Record<Role, Action[]> = {
  resident: [],
  frontoffice: ["cases.unassigned", "cases.view", "residents.serve", "counter.desk", "visitors.walkIns", "access.presence", "workplace.view"],
  backoffice: ["cases.queue", "cases.view", "cases.work", "insights.view", "workplace.view"],
  editor: ["knowledge.edit", "workplace.view"],
  host: ["visitors.host", "visitors.view", "visitors.walkIns", "workplace.view"],
  admin: [
    "cases.queue",
    "cases.unassigned",
    "cases.view",
    "cases.work",
    "residents.serve",
    "visitors.view",
    "visitors.walkIns",
    "access.presence",
    "insights.view",
    "admin.manage",
    "workplace.view",
  ],
};

describe("permissions: every role × action", () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const expected = TABLE[role].includes(action);
      it(`${role} ${expected ? "may" : "may not"} ${action}`, () => {
        expect(can(actor(role), action)).toBe(expected);
      });
    }
  }
});

describe("permissions: rules about a resource", () => {
  it("a case: the back office of its team sees and works it, another team neither", () => {
    expect(can(actor("backoffice"), "cases.view", { teamId: TEAM })).toBe(true);
    expect(can(actor("backoffice"), "cases.work", { teamId: TEAM })).toBe(true);
    expect(can(actor("backoffice", [OTHER]), "cases.view", { teamId: TEAM })).toBe(false);
    expect(can(actor("backoffice", [OTHER]), "cases.work", { teamId: TEAM })).toBe(false);
    expect(can(actor("backoffice"), "cases.work", { teamId: null })).toBe(false);
  });

  it("a case: the front office sees every case but changes none; an admin changes any open case", () => {
    expect(can(actor("frontoffice", []), "cases.view", { teamId: TEAM })).toBe(true);
    expect(can(actor("frontoffice"), "cases.work", { teamId: TEAM })).toBe(false);
    expect(can(actor("admin", []), "cases.work", { teamId: TEAM })).toBe(true);
  });

  it("a closed case is read-only for everyone", () => {
    for (const role of ROLES) expect(can(actor(role), "cases.work", { teamId: TEAM, closed: true })).toBe(false);
    expect(can(actor("backoffice"), "cases.view", { teamId: TEAM, closed: true })).toBe(true);
  });

  it("Zonder behandelaar: the front office and admins for every team, a team lead for the teams they lead", () => {
    const lead: Actor = { ...actor("backoffice"), teams: [{ id: TEAM, lead: true }, { id: OTHER }] };
    expect(can(lead, "cases.unassigned")).toBe(true);
    expect(can(lead, "cases.unassigned", { teamId: TEAM })).toBe(true);
    expect(can(lead, "cases.unassigned", { teamId: OTHER })).toBe(false);
    expect(can(lead, "cases.unassigned", { teamId: null })).toBe(false);
    // Leading needs the back-office role: a lead flag alone gives nothing.
    expect(can({ ...lead, roles: ["editor"] }, "cases.unassigned")).toBe(false);
    expect(can(actor("frontoffice", []), "cases.unassigned", { teamId: null })).toBe(true);
    expect(can(actor("admin", []), "cases.unassigned", { teamId: OTHER })).toBe(true);
  });

  it("an invitation: its host or an admin", () => {
    expect(can(actor("host"), "visitors.view", { hostId: "u-host" })).toBe(true);
    expect(can(actor("host"), "visitors.view", { hostId: "someone-else" })).toBe(false);
    expect(can(actor("admin"), "visitors.view", { hostId: "someone-else" })).toBe(true);
  });

  it("the dashboard of a team: the back office only its own teams, an admin every team and all together", () => {
    expect(can(actor("backoffice"), "insights.view", { teamId: TEAM })).toBe(true);
    expect(can(actor("backoffice"), "insights.view", { teamId: OTHER })).toBe(false);
    expect(can(actor("backoffice"), "insights.view", { teamId: null })).toBe(false);
    expect(can(actor("admin", []), "insights.view", { teamId: null })).toBe(true);
  });

  it("staff roles give nothing without a staff session", () => {
    const notStaff: Actor = { ...actor("admin"), isStaff: false };
    for (const action of ACTIONS) expect(can(notStaff, action)).toBe(false);
  });

  it("assertCan throws DomainError FORBIDDEN (the kernel's 403)", () => {
    expect(() => assertCan(actor("editor"), "admin.manage")).toThrow(DomainError);
    try {
      assertCan(actor("backoffice", [OTHER]), "cases.work", { teamId: TEAM });
    } catch (err) {
      expect(err instanceof DomainError && err.code).toBe("FORBIDDEN");
    }
    expect(() => assertCan(actor("admin"), "admin.manage")).not.toThrow();
  });
});
