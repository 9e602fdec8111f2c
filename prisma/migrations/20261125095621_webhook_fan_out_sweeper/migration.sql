-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "fannedOutAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "WebhookEvent_fannedOutAt_publishedAt_idx" ON "WebhookEvent"("fannedOutAt", "publishedAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

