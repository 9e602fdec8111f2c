-- AlterTable
ALTER TABLE "PricePlan" ADD COLUMN     "emailInboundMicrosPerMessage" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "emailOutboundMicrosPerMessage" BIGINT NOT NULL DEFAULT 1000;

-- AlterTable
ALTER TABLE "SendingDomain" ADD COLUMN     "inboundToken" TEXT;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "bcc" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "cc" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "emailInReplyTo" TEXT,
ADD COLUMN     "emailMessageId" TEXT,
ADD COLUMN     "emailReferences" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "html" TEXT,
ADD COLUMN     "subject" TEXT,
ADD COLUMN     "threadKey" TEXT;

-- CreateTable
CREATE TABLE "MessageAttachment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "storage" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "dataKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MessageAttachment_tenantId_messageId_idx" ON "MessageAttachment"("tenantId", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "SendingDomain_inboundToken_key" ON "SendingDomain"("inboundToken");

-- CreateIndex
CREATE INDEX "Message_tenantId_emailMessageId_idx" ON "Message"("tenantId", "emailMessageId");

-- CreateIndex
CREATE INDEX "Message_tenantId_threadKey_createdAt_idx" ON "Message"("tenantId", "threadKey", "createdAt");

-- AddForeignKey
ALTER TABLE "MessageAttachment" ADD CONSTRAINT "MessageAttachment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageAttachment" ADD CONSTRAINT "MessageAttachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Existing domains get their SendGrid Inbound Parse token.
UPDATE "SendingDomain" SET "inboundToken" = 'sdi_' || md5(random()::text || id) WHERE "inboundToken" IS NULL;
