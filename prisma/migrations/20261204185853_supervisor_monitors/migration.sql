-- CreateTable
CREATE TABLE "SupervisorMonitor" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "supervisorUserId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "switchId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "pending" TEXT DEFAULT 'start',
    "channelUuid" TEXT,
    "failure" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "SupervisorMonitor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupervisorMonitor_switchId_pending_idx" ON "SupervisorMonitor"("switchId", "pending");

-- CreateIndex
CREATE INDEX "SupervisorMonitor_tenantId_createdAt_idx" ON "SupervisorMonitor"("tenantId", "createdAt");

-- AddForeignKey
ALTER TABLE "SupervisorMonitor" ADD CONSTRAINT "SupervisorMonitor_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

