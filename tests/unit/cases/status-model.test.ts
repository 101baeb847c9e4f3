import { describe, expect, it } from "vitest";
import { parseStatusModel, validateStatusModel } from "../../../app/modules/cases/status-model";
import type { StatusModel } from "../../../app/modules/cases/definitions";
import { loadRequestDefinitions } from "../../../seeds/requests";

const t = { nl: "x", en: "x", fr: "x" };
const s = (key: string, next: string[], extra: Partial<StatusModel["statuses"][number]> = {}) => ({
  key,
  text: t,
  tellResident: false,
  next,
  withdrawable: false,
  subStatuses: [],
  ...extra,
});
const model = (...statuses: ReturnType<typeof s>[]): StatusModel => ({ normDays: 30, normIsDemo: true, statuses });
const keys = (m: StatusModel) => validateStatusModel(m).map((p) => [p.key, p.status ?? null]);

describe("status model validation", () => {
  it("accepts every seeded model", () => {
    for (const d of loadRequestDefinitions()) expect(validateStatusModel(d.statusModel), d.service).toEqual([]);
  });

  it("refuses a status without a path to an end state", () => {
    const m = model(s("ontvangen", ["in-behandeling", "ingetrokken"]), s("in-behandeling", ["wachten"]), s("wachten", ["in-behandeling"]), s("ingetrokken", []));
    expect(keys(m)).toEqual([
      ["model.noPathToEnd", "in-behandeling"],
      ["model.noPathToEnd", "wachten"],
    ]);
  });

  it("refuses transitions to statuses that do not exist, loops to itself and duplicate keys", () => {
    const m = model(s("ontvangen", ["klaar", "ingetrokken", "ontvangen"]), s("klaar", []), s("ingetrokken", []), s("klaar", []));
    m.statuses[0].next.push("bestaat-niet");
    expect(keys(m)).toEqual([
      ["model.duplicate", "klaar"],
      ["model.selfLoop", "ontvangen"],
      ["model.unknownTarget", "ontvangen"],
    ]);
  });

  it("needs 'ontvangen' and 'ingetrokken', a way to withdraw where withdrawing is allowed, and no unreachable statuses", () => {
    expect(keys(model(s("start", ["klaar"]), s("klaar", [])))).toEqual([
      ["model.needsStart", null],
      ["model.needsWithdrawn", null],
    ]);
    expect(keys(model(s("ontvangen", ["klaar"], { withdrawable: true }), s("klaar", []), s("ingetrokken", []), s("eiland", ["klaar"])))).toEqual([
      ["model.withdrawableNeedsPath", "ontvangen"],
      ["model.unreachable", "eiland"],
    ]);
  });

  it("parses what an admin typed, with clear problems for bad JSON or a bad shape", () => {
    expect(parseStatusModel("{nope")).toEqual({ ok: false, problems: [{ key: "model.notJson" }] });
    const bad = parseStatusModel(JSON.stringify({ normDays: 0, normIsDemo: true, statuses: [] }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.every((p) => p.key === "model.shape")).toBe(true);
    const good = parseStatusModel(JSON.stringify(model(s("ontvangen", ["klaar", "ingetrokken"]), s("klaar", [], { result: "klaar" }), s("ingetrokken", []))));
    expect(good.ok).toBe(true);
  });
});
