-- CreateIndex
CREATE INDEX "Thread_kind_lastActivityAt_idx" ON "Thread"("kind", "lastActivityAt");

