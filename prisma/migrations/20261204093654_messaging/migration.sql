-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('SMS', 'MMS', 'WHATSAPP', 'EMAIL', 'SLACK', 'DISCORD', 'TEAMS', 'TELEGRAM');

-- CreateEnum
CREATE TYPE "MessageDirection" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'READ', 'RECEIVED');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "messagesPerSecond" INTEGER NOT NULL DEFAULT 100;

-- AlterTable
ALTER TABLE "PricePlan" ADD COLUMN     "mmsOutboundMicrosPerMessage" BIGINT NOT NULL DEFAULT 20000,
ADD COLUMN     "smsInboundMicrosPerSegment" BIGINT NOT NULL DEFAULT 7900,
ADD COLUMN     "smsOutboundMicrosPerSegment" BIGINT NOT NULL DEFAULT 7900;

-- AlterTable
ALTER TABLE "PhoneNumber" ADD COLUMN     "messagingSegmentsPerSecond" INTEGER;

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "direction" "MessageDirection" NOT NULL,
    "status" "MessageStatus" NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "mediaUrls" TEXT[],
    "phoneNumberId" TEXT,
    "provider" TEXT,
    "credentialSource" TEXT,
    "providerMessageId" TEXT,
    "numSegments" INTEGER NOT NULL DEFAULT 1,
    "encoding" TEXT,
    "priceMicros" BIGINT,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "statusCallbackUrl" TEXT,
    "statusCallbackMethod" TEXT NOT NULL DEFAULT 'POST',
    "apiSurface" TEXT NOT NULL DEFAULT 'native',
    "errorCode" INTEGER,
    "errorMessage" TEXT,
    "dedupeKey" TEXT,
    "apiKeyId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "charged" BOOLEAN NOT NULL DEFAULT false,
    "inReplyToId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessagingSuppression" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "keyword" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessagingSuppression_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessagingWebhookReceipt" (
    "provider" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessagingWebhookReceipt_pkey" PRIMARY KEY ("provider","eventKey")
);

-- CreateTable
CREATE TABLE "TenantMessagingCredential" (
    "tenantId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "accountId" TEXT,
    "secretCipher" TEXT NOT NULL,
    "publicKey" TEXT,
    "hint" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TenantMessagingCredential_pkey" PRIMARY KEY ("tenantId","provider")
);

-- CreateIndex
CREATE INDEX "Message_tenantId_createdAt_id_idx" ON "Message"("tenantId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Message_tenantId_status_createdAt_idx" ON "Message"("tenantId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Message_status_nextAttemptAt_idx" ON "Message"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_tenantId_dedupeKey_key" ON "Message"("tenantId", "dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "Message_provider_providerMessageId_key" ON "Message"("provider", "providerMessageId");

-- CreateIndex
CREATE INDEX "MessagingSuppression_tenantId_createdAt_idx" ON "MessagingSuppression"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "MessagingSuppression_tenantId_address_key" ON "MessagingSuppression"("tenantId", "address");

-- CreateIndex
CREATE INDEX "MessagingWebhookReceipt_receivedAt_idx" ON "MessagingWebhookReceipt"("receivedAt");

-- CreateIndex
CREATE INDEX "TenantMessagingCredential_provider_accountId_idx" ON "TenantMessagingCredential"("provider", "accountId");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_phoneNumberId_fkey" FOREIGN KEY ("phoneNumberId") REFERENCES "PhoneNumber"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessagingSuppression" ADD CONSTRAINT "MessagingSuppression_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantMessagingCredential" ADD CONSTRAINT "TenantMessagingCredential_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

