import { randomUUID } from "node:crypto";
import type { FieldDef } from "../../app/modules/cases/definitions";
import { definitionBySlug } from "../../app/modules/cases/definitions.server";
import { createCase } from "../../app/modules/cases/requests.server";
import { todayInBrussels } from "../../app/modules/cases/form-schema";
import type { CurrentUser } from "../../app/modules/identity/users.server";
import { loadCurrentUser } from "../../app/modules/identity/users.server";
import { db } from "../../app/utils/db.server";

/** Data builders for cases, shared by tests, e2e set-up and benchmarks. */

const shiftDays = (days: number) => {
  const d = new Date(`${todayInBrussels()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** A valid form post (flat names, as a browser sends them) for these fields. */
export function validPost(fields: FieldDef[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const f of fields) {
    switch (f.type) {
      case "text":
        out[f.name] = "Voorbeeld";
        break;
      case "longtext":
        out[f.name] = "Een korte uitleg.\nOp twee regels.";
        break;
      case "number":
        out[f.name] = String(f.min ?? 1);
        break;
      case "date":
        out[f.name] = f.dateRange === "past" ? shiftDays(-30) : shiftDays(30);
        break;
      case "email":
        out[f.name] = "organisator@example.com";
        break;
      case "phone":
        out[f.name] = "015 12 34 56";
        break;
      case "choice":
        out[f.name] = f.options![0].value;
        break;
      case "multichoice":
        out[f.name] = [f.options![0].value];
        break;
      case "address":
        out[`${f.name}.street`] = "Grote Markt";
        out[`${f.name}.number`] = "21";
        out[`${f.name}.postcode`] = "2800";
        break;
      case "consent":
        out[f.name] = "yes";
        break;
      case "file":
        break;
    }
  }
  return out;
}

/** Typed answers for a whole form (what a checked draft holds). */
export async function validAnswers(slug: string) {
  const def = (await definitionBySlug(slug))!;
  const { inputFor, schemaForForm, allFields } = await import("../../app/modules/cases/form-schema");
  const fields = allFields(def.form);
  return schemaForForm(def.form).parse(inputFor(fields, validPost(fields))) as Record<string, unknown>;
}

/** A submitted case for a resident, as if filed online (or by staff for them). */
export async function fileCase(actor: CurrentUser, slug: string, opts: { residentId?: string; channel?: "web" | "counter" | "phone" | "email" } = {}) {
  const def = (await definitionBySlug(slug))!;
  const answers = await validAnswers(slug);
  return db.transaction((tx) => createCase(tx, { actor, def, residentId: opts.residentId ?? actor.id, channel: opts.channel ?? "web", answers, idempotencyKey: randomUUID() }));
}

export const asActor = async (id: string) => (await loadCurrentUser(id))!;
