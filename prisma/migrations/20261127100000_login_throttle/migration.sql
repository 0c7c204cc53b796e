-- Addresses that signed in successfully, for the per-account login throttle (decision 016).
-- CreateTable
CREATE TABLE "LoginAddress" (
    "userId" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "lastSuccessAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "ip"),
    CONSTRAINT "LoginAddress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LoginAddress_lastSuccessAt_idx" ON "LoginAddress"("lastSuccessAt");

-- CreateIndex
CREATE INDEX "LoginFailure_email_ip_createdAt_idx" ON "LoginFailure"("email", "ip", "createdAt");

