-- Rate limits: one atomic counter per budget and user (decision 017) replaces the per-event log,
-- whose count-then-insert let parallel requests pass the limit.
-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "RateEvent";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "RateCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "windowStart" BIGINT NOT NULL,
    "count" INTEGER NOT NULL
);

