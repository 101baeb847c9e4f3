import { pick, statusOf } from "~/modules/cases/definitions";
import { definitionByServiceId } from "~/modules/cases/definitions.server";

/** A case status as the resident reads it, from the service's status model (the key if unknown). */
export async function caseStatusText(serviceId: string, key: string, lng: string) {
  const def = await definitionByServiceId(serviceId);
  const s = def ? statusOf(def.statusModel, key) : undefined;
  return s ? (pick(s.text, lng) ?? key) : key;
}
