-- CreateEnum
CREATE TYPE "AgentState" AS ENUM ('OFFLINE', 'AVAILABLE', 'RINGING', 'ON_CALL', 'WRAP_UP', 'AWAY');

-- AlterTable
ALTER TABLE "CallQueue" ADD COLUMN     "agingSeconds" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "announceEverySeconds" INTEGER,
ADD COLUMN     "callbackOffer" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "conversationChannels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "dispositionRequired" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "maxNoAnswer" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "maxWaitSeconds" INTEGER,
ADD COLUMN     "overflowAction" TEXT,
ADD COLUMN     "overflowTarget" TEXT,
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ringTimeoutSeconds" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "serviceLevelSeconds" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "strategy" TEXT NOT NULL DEFAULT 'longest-idle',
ADD COLUMN     "wrapUpSeconds" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "QueueMember" ADD COLUMN     "excludedAgentIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "offeredAgentId" TEXT,
ADD COLUMN     "offeredAt" TIMESTAMP(3),
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "state" "AgentState" NOT NULL DEFAULT 'OFFLINE',
    "stateSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "awayReasonId" TEXT,
    "currentCallId" TEXT,
    "currentQueueId" TEXT,
    "wrapUpUntil" TIMESTAMP(3),
    "callCapacity" INTEGER NOT NULL DEFAULT 1,
    "conversationCapacity" INTEGER NOT NULL DEFAULT 3,
    "missedOffers" INTEGER NOT NULL DEFAULT 0,
    "lastOfferedAt" TIMESTAMP(3),
    "idleSince" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "registered" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentStateChange" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "fromState" "AgentState" NOT NULL,
    "toState" "AgentState" NOT NULL,
    "cause" TEXT NOT NULL,
    "awayReasonId" TEXT,
    "callId" TEXT,
    "byUserId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentStateChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AwayReason" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AwayReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Skill" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Skill_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentSkill" (
    "tenantId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "skillId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,

    CONSTRAINT "AgentSkill_pkey" PRIMARY KEY ("agentId","skillId")
);

-- CreateTable
CREATE TABLE "QueueSkill" (
    "tenantId" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "skillId" TEXT NOT NULL,
    "minLevel" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "QueueSkill_pkey" PRIMARY KEY ("queueId","skillId")
);

-- CreateTable
CREATE TABLE "QueueAgent" (
    "tenantId" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,

    CONSTRAINT "QueueAgent_pkey" PRIMARY KEY ("queueId","agentId")
);

-- CreateTable
CREATE TABLE "Disposition" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Disposition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallWrapUp" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "callId" TEXT,
    "conversationId" TEXT,
    "queueId" TEXT,
    "dispositionId" TEXT,
    "notes" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "CallWrapUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoutingDecision" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "itemKind" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "agentId" TEXT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoutingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueOutcome" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "itemKind" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "agentId" TEXT,
    "enqueuedAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3) NOT NULL,
    "result" TEXT NOT NULL,
    "waitSeconds" INTEGER NOT NULL,
    "handleSeconds" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "QueueOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Agent_tenantId_state_idx" ON "Agent"("tenantId", "state");

-- CreateIndex
CREATE INDEX "Agent_userId_idx" ON "Agent"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_tenantId_userId_key" ON "Agent"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "AgentStateChange_tenantId_agentId_at_idx" ON "AgentStateChange"("tenantId", "agentId", "at");

-- CreateIndex
CREATE INDEX "AgentStateChange_tenantId_at_idx" ON "AgentStateChange"("tenantId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "AwayReason_tenantId_name_key" ON "AwayReason"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Skill_tenantId_name_key" ON "Skill"("tenantId", "name");

-- CreateIndex
CREATE INDEX "AgentSkill_tenantId_idx" ON "AgentSkill"("tenantId");

-- CreateIndex
CREATE INDEX "AgentSkill_skillId_idx" ON "AgentSkill"("skillId");

-- CreateIndex
CREATE INDEX "QueueSkill_tenantId_idx" ON "QueueSkill"("tenantId");

-- CreateIndex
CREATE INDEX "QueueSkill_skillId_idx" ON "QueueSkill"("skillId");

-- CreateIndex
CREATE INDEX "QueueAgent_tenantId_idx" ON "QueueAgent"("tenantId");

-- CreateIndex
CREATE INDEX "QueueAgent_agentId_idx" ON "QueueAgent"("agentId");

-- CreateIndex
CREATE UNIQUE INDEX "Disposition_tenantId_code_key" ON "Disposition"("tenantId", "code");

-- CreateIndex
CREATE INDEX "CallWrapUp_tenantId_agentId_startedAt_idx" ON "CallWrapUp"("tenantId", "agentId", "startedAt");

-- CreateIndex
CREATE INDEX "CallWrapUp_tenantId_callId_idx" ON "CallWrapUp"("tenantId", "callId");

-- CreateIndex
CREATE INDEX "RoutingDecision_tenantId_queueId_at_idx" ON "RoutingDecision"("tenantId", "queueId", "at");

-- CreateIndex
CREATE INDEX "RoutingDecision_tenantId_itemId_idx" ON "RoutingDecision"("tenantId", "itemId");

-- CreateIndex
CREATE INDEX "QueueOutcome_tenantId_queueId_endedAt_idx" ON "QueueOutcome"("tenantId", "queueId", "endedAt");

-- CreateIndex
CREATE INDEX "QueueOutcome_tenantId_endedAt_idx" ON "QueueOutcome"("tenantId", "endedAt");

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentStateChange" ADD CONSTRAINT "AgentStateChange_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwayReason" ADD CONSTRAINT "AwayReason_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Skill" ADD CONSTRAINT "Skill_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentSkill" ADD CONSTRAINT "AgentSkill_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentSkill" ADD CONSTRAINT "AgentSkill_skillId_fkey" FOREIGN KEY ("skillId") REFERENCES "Skill"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueSkill" ADD CONSTRAINT "QueueSkill_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "CallQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueSkill" ADD CONSTRAINT "QueueSkill_skillId_fkey" FOREIGN KEY ("skillId") REFERENCES "Skill"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueAgent" ADD CONSTRAINT "QueueAgent_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "CallQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueAgent" ADD CONSTRAINT "QueueAgent_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Disposition" ADD CONSTRAINT "Disposition_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallWrapUp" ADD CONSTRAINT "CallWrapUp_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoutingDecision" ADD CONSTRAINT "RoutingDecision_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueOutcome" ADD CONSTRAINT "QueueOutcome_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Levels and strategies the router understands (schema.prisma names these in comments; Prisma cannot declare them).
ALTER TABLE "AgentSkill" ADD CONSTRAINT "AgentSkill_level_check" CHECK ("level" BETWEEN 1 AND 10);
ALTER TABLE "QueueSkill" ADD CONSTRAINT "QueueSkill_minLevel_check" CHECK ("minLevel" BETWEEN 1 AND 10);
ALTER TABLE "CallQueue" ADD CONSTRAINT "CallQueue_strategy_check" CHECK ("strategy" IN ('longest-idle', 'round-robin', 'skills-weighted', 'ring-all'));
