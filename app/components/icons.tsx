// The editor toolbar's icons: a few self-hosted inline SVGs (no icon font, no emoji, which shows as an
// empty box where no emoji font is installed). Decorative only: each button carries its own name.
import type { ReactNode } from "react";

export type IconName = "bold" | "italic" | "bulletList" | "orderedList" | "quote" | "link" | "table" | "addRow" | "addColumn" | "deleteTable" | "undo" | "redo";

const PATHS: Record<IconName, ReactNode> = {
  bold: <path d="M7 5h6a3.5 3.5 0 0 1 0 7H7zm0 7h7a3.5 3.5 0 0 1 0 7H7z" />,
  italic: <path d="M10 5h8M6 19h8M14 5l-4 14" />,
  bulletList: <><path d="M9 6h11M9 12h11M9 18h11" /><circle cx="4.5" cy="6" r="1" /><circle cx="4.5" cy="12" r="1" /><circle cx="4.5" cy="18" r="1" /></>,
  orderedList: <path d="M10 6h10M10 12h10M10 18h10M4 4.5l1.5-1V9M3.5 14.5a1.5 1.5 0 0 1 3 .5c0 1-3 2.5-3 4h3" />,
  quote: <path d="M5 18c3-1 4-3.5 4-7V6H4v6h5M15 18c3-1 4-3.5 4-7V6h-5v6h5" />,
  link: <path d="M10 14a4 4 0 0 0 5.66 0l3-3a4 4 0 0 0-5.66-5.66l-1 1M14 10a4 4 0 0 0-5.66 0l-3 3a4 4 0 0 0 5.66 5.66l1-1" />,
  table: <path d="M4 5h16v14H4zM4 10h16M4 15h16M10 5v14M15 5v14" />,
  addRow: <path d="M4 4h16v9H4zM4 8.5h16M12 16v6M9 19h6" />,
  addColumn: <path d="M4 4h9v16H4zM8.5 4v16M16 12h6M19 9v6" />,
  deleteTable: <path d="M4 5h16v14H4zM4 10h16M10 5v14M14 13l5 5M19 13l-5 5" />,
  undo: <path d="M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" />,
  redo: <path d="M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" />,
};

/** An icon at the surrounding text size, hidden from assistive technology. */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1.15em" height="1.15em" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}
