-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "maxQueueSeconds" INTEGER NOT NULL DEFAULT 60;

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "queueExpiresAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Call_status_queueExpiresAt_idx" ON "Call"("status", "queueExpiresAt");

-- Calls already waiting get their tenant's limit, counted from when they were queued: a backlog left by a
-- switch outage fails instead of being dialled late.
UPDATE "Call" c SET "queueExpiresAt" = c."queuedAt" + make_interval(secs => t."maxQueueSeconds")
FROM "Tenant" t
WHERE t.id = c."tenantId" AND c.status = 'QUEUED';
