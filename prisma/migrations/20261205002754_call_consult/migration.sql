-- CreateTable
CREATE TABLE "CallConsult" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "byAgentId" TEXT NOT NULL,
    "agentCallId" TEXT NOT NULL,
    "customerCallId" TEXT NOT NULL,
    "targetKind" TEXT NOT NULL,
    "targetAgentId" TEXT,
    "targetLabel" TEXT NOT NULL,
    "targetCallId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "CallConsult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CallConsult_tenantId_callId_idx" ON "CallConsult"("tenantId", "callId");

-- CreateIndex
CREATE INDEX "CallConsult_conferenceId_idx" ON "CallConsult"("conferenceId");

-- AddForeignKey
ALTER TABLE "CallConsult" ADD CONSTRAINT "CallConsult_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

