-- DropForeignKey
ALTER TABLE "InboxAgentState" DROP CONSTRAINT "InboxAgentState_tenantId_fkey";

-- DropForeignKey
ALTER TABLE "InboxAgentState" DROP CONSTRAINT "InboxAgentState_userId_fkey";

-- AlterTable
ALTER TABLE "CallQueue" ADD COLUMN     "callbackMaxAttempts" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "callbackRetrySeconds" INTEGER NOT NULL DEFAULT 300;

-- DropTable
DROP TABLE "InboxAgentState";

-- DropEnum
DROP TYPE "InboxAvailability";

-- CreateTable
CREATE TABLE "QueueCallback" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "callerId" TEXT NOT NULL,
    "enqueuedAt" TIMESTAMP(3) NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offeredAgentId" TEXT,
    "offeredAt" TIMESTAMP(3),
    "excludedAgentIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "lastOutcome" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QueueCallback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueCallbackAttempt" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "callbackId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "hangupCause" TEXT,
    "callId" TEXT,

    CONSTRAINT "QueueCallbackAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QueueCallback_tenantId_queueId_status_idx" ON "QueueCallback"("tenantId", "queueId", "status");

-- CreateIndex
CREATE INDEX "QueueCallback_status_nextAttemptAt_idx" ON "QueueCallback"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "QueueCallbackAttempt_tenantId_callbackId_attempt_idx" ON "QueueCallbackAttempt"("tenantId", "callbackId", "attempt");

-- AddForeignKey
ALTER TABLE "QueueCallback" ADD CONSTRAINT "QueueCallback_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueCallback" ADD CONSTRAINT "QueueCallback_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "CallQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueCallbackAttempt" ADD CONSTRAINT "QueueCallbackAttempt_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueCallbackAttempt" ADD CONSTRAINT "QueueCallbackAttempt_callbackId_fkey" FOREIGN KEY ("callbackId") REFERENCES "QueueCallback"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A callback's status is one of the ACD's (src/server/acd/*-callback*.ts).
ALTER TABLE "QueueCallback" ADD CONSTRAINT "QueueCallback_status_check" CHECK ("status" IN ('pending', 'offered', 'dialing', 'connected', 'completed', 'failed'));
