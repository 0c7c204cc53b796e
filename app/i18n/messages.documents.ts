// Catalogue section for position papers (documents), part of `m` in messages.ts.
export const documents = {
  title: "Positionspapiere",
} as const;
