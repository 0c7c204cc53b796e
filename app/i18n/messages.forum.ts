// Catalogue section for the forum, best practices, search and notifications, part of `m` in messages.ts.
export const forum = {
  threads: "Themen",
} as const;
