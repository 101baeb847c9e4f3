import { requestDefinition, type StatusModel } from "./definitions";

/**
 * Checks a status model an admin wants to save. Pure, so the admin page, the seed loader
 * and tests agree. Returns message keys (backoffice namespace) with the status involved;
 * an empty list means the model is sound.
 */
export type ModelProblem = { key: string; status?: string; target?: string };

export function validateStatusModel(model: StatusModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const keys = model.statuses.map((s) => s.key);
  const byKey = new Map(model.statuses.map((s) => [s.key, s]));
  for (const k of new Set(keys)) if (keys.filter((x) => x === k).length > 1) problems.push({ key: "model.duplicate", status: k });
  if (!byKey.has("ontvangen")) problems.push({ key: "model.needsStart" });
  if (!byKey.has("ingetrokken")) problems.push({ key: "model.needsWithdrawn" });
  for (const s of model.statuses) {
    for (const n of s.next) {
      if (!byKey.has(n)) problems.push({ key: "model.unknownTarget", status: s.key, target: n });
      if (n === s.key) problems.push({ key: "model.selfLoop", status: s.key });
    }
    if (s.withdrawable && !s.next.includes("ingetrokken")) problems.push({ key: "model.withdrawableNeedsPath", status: s.key });
  }
  // Every status must reach an end state (a status without next statuses): walk backwards from the ends.
  const canEnd = new Set(model.statuses.filter((s) => s.next.length === 0).map((s) => s.key));
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of model.statuses)
      if (!canEnd.has(s.key) && s.next.some((n) => canEnd.has(n))) {
        canEnd.add(s.key);
        grew = true;
      }
  }
  for (const s of model.statuses) if (!canEnd.has(s.key)) problems.push({ key: "model.noPathToEnd", status: s.key });
  // Every status must be reachable from "ontvangen", or no case can ever get there.
  const reached = new Set<string>(byKey.has("ontvangen") ? ["ontvangen"] : []);
  const queue = [...reached];
  while (queue.length) {
    for (const n of byKey.get(queue.shift()!)?.next ?? [])
      if (byKey.has(n) && !reached.has(n)) {
        reached.add(n);
        queue.push(n);
      }
  }
  for (const s of model.statuses) if (byKey.has("ontvangen") && !reached.has(s.key) && s.key !== "ingetrokken") problems.push({ key: "model.unreachable", status: s.key });
  return problems;
}

/**
 * Parses what an admin typed (JSON text) into a status model: shape by the shared zod
 * schema, then the graph checks above. The norm days come with it.
 */
export function parseStatusModel(
  json: string,
  base: Partial<Pick<StatusModel, "normDays" | "normIsDemo">> = {},
): { ok: true; model: StatusModel } | { ok: false; problems: ModelProblem[] } {
  let raw: unknown;
  try {
    const parsed: unknown = JSON.parse(json);
    raw = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? { ...base, ...parsed } : parsed;
  } catch {
    return { ok: false, problems: [{ key: "model.notJson" }] };
  }
  const shape = requestDefinition.innerType().shape.statusModel.safeParse(raw);
  if (!shape.success) return { ok: false, problems: shape.error.issues.slice(0, 5).map((i) => ({ key: "model.shape", status: i.path.join(".") })) };
  const problems = validateStatusModel(shape.data);
  return problems.length ? { ok: false, problems } : { ok: true, model: shape.data };
}
