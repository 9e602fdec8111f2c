-- CreateTable
CREATE TABLE "CallQueue" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "friendlyName" TEXT NOT NULL,
    "maxSize" INTEGER NOT NULL DEFAULT 100,
    "waitSecondsTotal" INTEGER NOT NULL DEFAULT 0,
    "membersLeft" INTEGER NOT NULL DEFAULT 0,
    "lastPosition" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallQueue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueMember" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "queueId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "enqueuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QueueMember_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CallQueue_tenantId_friendlyName_key" ON "CallQueue"("tenantId", "friendlyName");

-- CreateIndex
CREATE UNIQUE INDEX "QueueMember_callId_key" ON "QueueMember"("callId");

-- CreateIndex
CREATE INDEX "QueueMember_tenantId_queueId_position_idx" ON "QueueMember"("tenantId", "queueId", "position");

-- CreateIndex
CREATE INDEX "QueueMember_queueId_position_idx" ON "QueueMember"("queueId", "position");

-- AddForeignKey
ALTER TABLE "CallQueue" ADD CONSTRAINT "CallQueue_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueMember" ADD CONSTRAINT "QueueMember_queueId_fkey" FOREIGN KEY ("queueId") REFERENCES "CallQueue"("id") ON DELETE CASCADE ON UPDATE CASCADE;

