import { describe, expect, it } from "vitest";
import { formatDate } from "../../../app/components/Mikipedia";
import { brusselsFormat } from "../../../app/utils/brussels-format";

/** Issue 16 item 4: English dates are day-month-year with a 24-hour clock, in Brussels time. */
describe("dates in the page language", () => {
  const afternoon = new Date("2026-03-05T13:07:00Z"); // 14:07 in Brussels

  it("writes English dates day-month-year with a 24-hour clock", () => {
    expect(brusselsFormat("en", "date").format(afternoon)).toBe("5 Mar 2026");
    expect(brusselsFormat("en", "longDate").format(afternoon)).toBe("5 March 2026");
    const dateTime = brusselsFormat("en", "dateTime").format(afternoon);
    expect(dateTime).toMatch(/^5 Mar 2026,? 14:07$/);
    expect(dateTime).not.toMatch(/pm/i);
    expect(formatDate("2026-12-07", "en")).toBe("7 December 2026");
  });

  it("uses a 24-hour clock in every language", () => {
    for (const lng of ["nl", "fr", "en", "ar", "tr"]) expect(brusselsFormat(lng, "dateTime").format(afternoon), lng).toContain("14:07");
    expect(formatDate("2026-12-07", "nl")).toBe("7 december 2026");
    expect(formatDate("2026-12-07", "fr")).toBe("7 décembre 2026");
  });
});
