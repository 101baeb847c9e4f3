import { describe, expect, it } from "vitest";
import { MIN_GROUP, suppressSmallGroup } from "../../../app/modules/insights/suppress";
import { toCsv } from "../../../app/modules/insights/tables";
import { publicPeriod } from "../../../app/modules/insights/period";

describe("small-group suppression", () => {
  it("hides the count and the figures of a group smaller than 5, and says so", () => {
    const row = { service: "Bewonerskaart", closed_cases: 4, median_days: 12.5, on_time_pct: 75 };
    expect(suppressSmallGroup(row, "closed_cases", ["median_days", "on_time_pct"])).toEqual({
      service: "Bewonerskaart",
      closed_cases: null,
      median_days: null,
      on_time_pct: null,
      suppressed: true,
    });
  });

  it("shows a group of exactly 5 unchanged", () => {
    expect(MIN_GROUP).toBe(5);
    const row = { service: "Bewonerskaart", closed_cases: 5, median_days: 12.5 };
    expect(suppressSmallGroup(row, "closed_cases", ["median_days"])).toEqual({ ...row, suppressed: false });
  });

  it("suppresses a group without a count, and a group of zero", () => {
    expect(suppressSmallGroup({ theme: "A", served: null, avg: 3 }, "served", ["avg"]).suppressed).toBe(true);
    expect(suppressSmallGroup({ theme: "A", served: 0, avg: 3 }, "served", ["avg"])).toMatchObject({ served: null, avg: null, suppressed: true });
  });

  it("does not change the row it was given", () => {
    const row = { service: "X", n: 2, v: 1 };
    suppressSmallGroup(row, "n", ["v"]);
    expect(row).toEqual({ service: "X", n: 2, v: 1 });
  });
});

describe("CSV and periods", () => {
  it("writes RFC 4180 CSV: header, CRLF, quoted cells with commas or quotes, empty for null", () => {
    const csv = toCsv({
      id: "t",
      columns: ["a", "b", "c"],
      rows: [
        { a: 'Zeg "ja"', b: "1,5", c: null },
        { a: "x", b: 2, c: false },
      ],
    });
    expect(csv).toBe('a,b,c\r\n"Zeg ""ja""","1,5",\r\nx,2,false\r\n');
  });

  it("publishes the twelve whole months before the current one", () => {
    expect(publicPeriod(new Date("2026-03-15T10:00:00Z"))).toEqual({ from: "2025-03-01", to: "2026-02-28" });
    expect(publicPeriod(new Date("2026-01-01T00:30:00Z"))).toEqual({ from: "2025-01-01", to: "2025-12-31" });
  });
});
