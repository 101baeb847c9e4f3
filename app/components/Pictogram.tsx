/** Simple line pictograms for the kiosk; always shown next to a text label, never alone. */
const PATHS: Record<string, string> = {
  id: "M4 6h16v12H4z M8 10a2 2 0 1 0 4 0a2 2 0 1 0-4 0 M7 16c.5-2 2-3 3-3s2.5 1 3 3 M14 10h4 M14 13h3",
  care: "M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.5A4 4 0 0 1 19 10c0 5.5-7 10-7 10z",
  house: "M3 11l9-7 9 7 M5 10v10h14V10 M10 20v-6h4v6",
  leisure: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18 M3 12h18 M12 3c3 3 3 15 0 18 M12 3c-3 3-3 15 0 18",
  info: "M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18 M12 11v6 M12 7.5v.5",
};

export function Pictogram({ name, size = 48 }: { name: string; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name] ?? PATHS.info} />
    </svg>
  );
}

/** The pictogram names an admin can choose for a desk theme. */
export const PICTOGRAM_NAMES = Object.keys(PATHS);
