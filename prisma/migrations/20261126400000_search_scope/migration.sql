-- Search rows carry their Gremium and thread kind as tokens in a fourth column, "scope", so the
-- permission filter runs inside the FTS5 match instead of a join over all matches. The table is
-- contentless, so it is rebuilt empty here; `npm start` (prisma/seed.ts) re-indexes the posts.
DROP TABLE "SearchFts";
DELETE FROM "SearchEntry";
CREATE VIRTUAL TABLE "SearchFts" USING fts5(
    title, body, extra, scope,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
