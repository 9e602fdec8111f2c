-- AlterTable
ALTER TABLE "PricePlan" ADD COLUMN     "monthlyFeeMicros" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "HealthSample" (
    "minute" TIMESTAMP(3) NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "databaseUp" BOOLEAN NOT NULL,
    "databaseLatencyMs" DOUBLE PRECISION,
    "workersFresh" INTEGER NOT NULL,
    "switchLinksUp" INTEGER NOT NULL,
    "liveCalls" INTEGER NOT NULL,
    "webhooksDelivered" INTEGER NOT NULL,
    "webhooksFailed" INTEGER NOT NULL,
    "outboxBacklog" INTEGER NOT NULL,
    "outboxOldestAgeSeconds" INTEGER,
    "apiRequests" INTEGER NOT NULL,
    "apiErrors" INTEGER NOT NULL,
    "apiP95Ms" DOUBLE PRECISION,
    "apiWindowSeconds" INTEGER NOT NULL,

    CONSTRAINT "HealthSample_pkey" PRIMARY KEY ("minute")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_updatedAt_idx" ON "WebhookDelivery"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "CallRecord_endedAt_tenantId_currency_billableSeconds_costMi_idx" ON "CallRecord"("endedAt", "tenantId", "currency", "billableSeconds", "costMicros");

-- Backfill: suspending never set suspendedAt before; churn on /admin/revenue dates a suspension by it. A tenant
-- suspended now takes the time of its last "tenant.suspended" audit entry (its last update when there is none).
UPDATE "Tenant" t
SET "suspendedAt" = COALESCE(
  (SELECT max(a."createdAt") FROM "AuditLog" a WHERE a."tenantId" = t.id AND a.action = 'tenant.suspended'),
  t."updatedAt"
)
WHERE t.status = 'SUSPENDED' AND t."suspendedAt" IS NULL;
