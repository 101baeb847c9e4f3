import type { ReactNode } from "react";

/**
 * A wide table scrolls sideways inside this region, never the page (WCAG 1.4.10 Reflow). The
 * region is named (by the table's caption id, or a label) and can take keyboard focus, so a
 * keyboard user can scroll it with the arrow keys.
 */
export function TableScroll({ labelledBy, label, children }: { labelledBy?: string; label?: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label} tabIndex={0}>
      {children}
    </div>
  );
}
