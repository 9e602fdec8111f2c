-- CreateEnum
CREATE TYPE "MessageTemplateChannel" AS ENUM ('SMS', 'EMAIL', 'WHATSAPP');

-- CreateEnum
CREATE TYPE "WhatsAppTemplateCategory" AS ENUM ('MARKETING', 'UTILITY', 'AUTHENTICATION');

-- CreateEnum
CREATE TYPE "WhatsAppTemplateStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "MessageTemplate" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channel" "MessageTemplateChannel" NOT NULL,
    "name" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "subject" TEXT NOT NULL DEFAULT '',
    "html" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT '',
    "category" "WhatsAppTemplateCategory",
    "components" JSONB,
    "approvalStatus" "WhatsAppTemplateStatus",
    "rejectionReason" TEXT,
    "variables" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MessageTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SendingDomain" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "dkimSelector" TEXT NOT NULL,
    "dkimPublicKey" TEXT NOT NULL,
    "dkimPrivateKeySealed" TEXT NOT NULL,
    "spfPass" BOOLEAN,
    "dkimPass" BOOLEAN,
    "dmarcPass" BOOLEAN,
    "checkResults" JSONB,
    "checkedAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SendingDomain_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MessageTemplate_tenantId_channel_createdAt_idx" ON "MessageTemplate"("tenantId", "channel", "createdAt");

-- CreateIndex
CREATE INDEX "MessageTemplate_tenantId_createdAt_idx" ON "MessageTemplate"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MessageTemplate_tenantId_channel_name_language_key" ON "MessageTemplate"("tenantId", "channel", "name", "language");

-- CreateIndex
CREATE INDEX "SendingDomain_tenantId_createdAt_idx" ON "SendingDomain"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SendingDomain_tenantId_domain_key" ON "SendingDomain"("tenantId", "domain");

-- AddForeignKey
ALTER TABLE "MessageTemplate" ADD CONSTRAINT "MessageTemplate_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SendingDomain" ADD CONSTRAINT "SendingDomain_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

