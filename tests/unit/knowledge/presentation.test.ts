import { describe, expect, it } from "vitest";
import { bodyWithoutSummary, finishSnippet } from "../../../app/modules/knowledge/presentation";
import { startLine } from "../../../scripts/lib/start-line";

describe("how articles read", () => {
  it("ends a snippet that stops mid-text with … after a whole word, and leaves a finished one alone", () => {
    expect(finishSnippet("U vraagt een parkeerkaart aan bij de stad,")).toBe("U vraagt een parkeerkaart aan bij de stad …");
    expect(finishSnippet("U vraagt een \u0002parkeerkaart\u0003")).toBe("U vraagt een \u0002parkeerkaart\u0003 …");
    expect(finishSnippet("Dat kan online.")).toBe("Dat kan online.");
    expect(finishSnippet("Een samenvatting zonder punt", true)).toBe("Een samenvatting zonder punt");
    expect(finishSnippet("  twee   spaties ")).toBe("twee spaties …");
  });

  it("does not repeat the summary as the body's first sentence", () => {
    const summary = "U kunt een bewonerskaart aanvragen.";
    expect(bodyWithoutSummary("U kunt een bewonerskaart aanvragen. Dat doet u online.\n\n## Wat heeft u nodig?\n\nUw eID.", summary)).toBe(
      "Dat doet u online.\n\n## Wat heeft u nodig?\n\nUw eID.",
    );
    // Only that sentence as a paragraph: the paragraph goes.
    expect(bodyWithoutSummary("u kunt een  bewonerskaart aanvragen\n\n## Wat heeft u nodig?", summary)).toBe("## Wat heeft u nodig?");
    // A body that says something else first is left alone.
    const other = "Een bewonerskaart is handig. U kunt een bewonerskaart aanvragen.";
    expect(bodyWithoutSummary(other, summary)).toBe(other);
    expect(bodyWithoutSummary("## U kunt een bewonerskaart aanvragen.", summary)).toBe("## U kunt een bewonerskaart aanvragen.");
  });

  it("says the mode the portal runs in on its start line", () => {
    expect(startLine({ mode: "development", url: "http://localhost:3000", embedded: true, demo: true })).toBe(
      "Digitaal Huis van de Mechelaar runs in development mode (NODE_ENV=development): http://localhost:3000 (embedded PostgreSQL, demo data)",
    );
    expect(startLine({ mode: "production", url: "https://mechelaar.be", embedded: false, demo: false, httpProcesses: 2 })).toContain(
      "runs in production mode (NODE_ENV=production)",
    );
  });
});
