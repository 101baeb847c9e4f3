import { z } from "zod";
import { asList } from "~/utils/forms";
import { staffAccountSchema } from "./schemas";

/** The admin's staff form as the request kernel reads it (checkbox groups, the "active" box) → staffAccountSchema. */
export const staffAccountBody = z.preprocess((input) => {
  const v = (input ?? {}) as Record<string, unknown>;
  return {
    name: v.name ?? "",
    email: v.email ?? "",
    roles: asList(v.roles),
    teamIds: asList(v.teamIds),
    password: v.password ?? "",
    active: v.active === "on",
    confirmLastMember: v.confirmLastMember === "on",
  };
}, staffAccountSchema);
