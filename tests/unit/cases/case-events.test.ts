import { describe, expect, it } from "vitest";
import { CASE_EVENT_VISIBILITY, idsNamedBy, parseCaseEvent, residentNoteOf, textOf, validateCaseEvent, type CaseEvent } from "../../../app/modules/cases/events";

const TASK = "6f1c1f0e-1d7b-4c55-9a55-3d8a4c2f0a11";
const MSG = "0b9e2b9a-7a3c-4f0e-8d3e-1c2b3a4d5e6f";

describe("case events as a discriminated union", () => {
  it("does not compile an event whose data does not fit its type", () => {
    const ok: CaseEvent[] = [
      { type: "rated", data: { score: 4 } },
      { type: "status-changed", data: { from: "ontvangen", to: "toegekend", result: "toegekend", note: "In orde." } },
      { type: "task-created", data: { taskId: TASK, kind: "call-resident" } },
    ];
    const wrong: CaseEvent[] = [
      // @ts-expect-error a score is a number, not text
      { type: "rated", data: { score: "vijf" } },
      // @ts-expect-error a status change says where it came from
      { type: "status-changed", data: { to: "toegekend" } },
      // @ts-expect-error no such event type
      { type: "renamed", data: {} },
      // @ts-expect-error an internal note carries its body, not a message id
      { type: "note", data: { messageId: MSG } },
      // @ts-expect-error the identity check is a counter check
      { type: "identity-checked", data: { method: "eid" } },
    ];
    expect(ok.map((e) => validateCaseEvent(e).type)).toEqual(["rated", "status-changed", "task-created"]);
    // What slips past the types (built from untyped data) is refused before it is stored.
    for (const e of wrong) expect(() => validateCaseEvent(e)).toThrow();
  });

  it("reads rows back typed, and a row no type describes as legacy, not as a cast", () => {
    const e = parseCaseEvent({ type: "status-changed", data: { from: "ontvangen", to: "ingetrokken", result: "ingetrokken", by: "resident", volume: true } });
    expect(e).toEqual({ type: "status-changed", data: { from: "ontvangen", to: "ingetrokken", result: "ingetrokken", by: "resident" } });
    if (e.type === "status-changed") expect(e.data.to).toBe("ingetrokken");

    expect(parseCaseEvent({ type: "rated", data: { score: 9 } })).toEqual({ type: "legacy", storedType: "rated", data: { score: 9 } });
    expect(parseCaseEvent({ type: "escalated", data: { note: "oud" } })).toEqual({ type: "legacy", storedType: "escalated", data: { note: "oud" } });
    expect(parseCaseEvent({ type: "note", data: null })).toEqual({ type: "legacy", storedType: "note", data: {} });
  });

  it("fixes who reads each type, and finds names and texts by type", () => {
    expect(CASE_EVENT_VISIBILITY.note).toBe("internal");
    expect(CASE_EVENT_VISIBILITY["deadline-extended"]).toBe("resident");
    const from = "11111111-2222-4333-8444-555555555555";
    expect(idsNamedBy({ type: "assigned", data: { from, to: null, reason: "Ziek" } })).toEqual([from]);
    expect(idsNamedBy({ type: "status-changed", data: { from: "ontvangen", to: "in-behandeling" } })).toEqual([]);
    expect(textOf({ type: "assigned", data: { from, to: null, reason: "Ziek" } })).toBe("Ziek");
    expect(textOf({ type: "note", data: { body: "Intern" } })).toBe("Intern");
    expect(residentNoteOf({ type: "note", data: { body: "Intern" } })).toBeUndefined();
    expect(residentNoteOf({ type: "legacy", storedType: "x", data: { note: "Oud" } })).toBe("Oud");
  });
});
