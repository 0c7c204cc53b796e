-- Search covers posts, position papers and their comments, and indexes German stems (Snowball
-- german2) instead of folded words (docs/decisions/018). Each SearchEntry row now says what it
-- indexes (key, type, post/document/comment id). The FTS table is contentless, so both are rebuilt
-- empty here; `npm start` (prisma/seed.ts) re-indexes everything when it finds the index empty.
DROP TABLE "SearchFts";
DROP TABLE "SearchEntry";
CREATE TABLE "SearchEntry" (
    "rowid" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "postId" TEXT,
    "documentId" TEXT,
    "commentId" TEXT,
    "threadId" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL
);
CREATE UNIQUE INDEX "SearchEntry_key_key" ON "SearchEntry"("key");
CREATE INDEX "SearchEntry_threadId_idx" ON "SearchEntry"("threadId");
CREATE INDEX "SearchEntry_spaceId_idx" ON "SearchEntry"("spaceId");
CREATE INDEX "SearchEntry_documentId_idx" ON "SearchEntry"("documentId");
CREATE VIRTUAL TABLE "SearchFts" USING fts5(
    title, body, extra, scope,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4'
);
