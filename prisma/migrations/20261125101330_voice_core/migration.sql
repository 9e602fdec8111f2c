-- CreateEnum
CREATE TYPE "CallDirection" AS ENUM ('INBOUND', 'OUTBOUND_API', 'OUTBOUND_DIAL');

-- CreateEnum
CREATE TYPE "CallStatus" AS ENUM ('QUEUED', 'INITIATED', 'RINGING', 'IN_PROGRESS', 'COMPLETED', 'BUSY', 'FAILED', 'NO_ANSWER', 'CANCELED');

-- CreateEnum
CREATE TYPE "RecordingStatus" AS ENUM ('IN_PROGRESS', 'COMPLETED', 'ABSENT', 'FAILED', 'DELETED');

-- CreateEnum
CREATE TYPE "CallbackDeliveryStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "accountSid" TEXT NOT NULL DEFAULT ('AC'::text || md5(((random())::text || (clock_timestamp())::text))),
ADD COLUMN     "authTokenCipher" TEXT,
ADD COLUMN     "callsPerSecond" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "maxConcurrentCalls" INTEGER NOT NULL DEFAULT 50,
ADD COLUMN     "pricePlanId" TEXT,
ADD COLUMN     "recordingRetentionDays" INTEGER;

-- CreateTable
CREATE TABLE "PricePlan" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "outboundMicrosPerMinute" BIGINT NOT NULL,
    "inboundMicrosPerMinute" BIGINT NOT NULL,
    "billingIncrementSeconds" INTEGER NOT NULL DEFAULT 60,
    "minimumBillableSeconds" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PricePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PhoneNumber" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "friendlyName" TEXT NOT NULL DEFAULT '',
    "voiceEnabled" BOOLEAN NOT NULL DEFAULT true,
    "smsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "mmsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "voiceUrl" TEXT,
    "voiceMethod" TEXT NOT NULL DEFAULT 'POST',
    "voiceFlowId" TEXT,
    "statusCallbackUrl" TEXT,
    "statusCallbackMethod" TEXT NOT NULL DEFAULT 'POST',
    "smsUrl" TEXT,
    "smsMethod" TEXT NOT NULL DEFAULT 'POST',
    "carrierGateway" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PhoneNumber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Call" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "parentCallId" TEXT,
    "direction" "CallDirection" NOT NULL,
    "status" "CallStatus" NOT NULL DEFAULT 'QUEUED',
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "phoneNumberId" TEXT,
    "switchId" TEXT,
    "channelUuid" TEXT,
    "claimedBy" TEXT,
    "claimedAt" TIMESTAMP(3),
    "url" TEXT,
    "method" TEXT NOT NULL DEFAULT 'POST',
    "flowId" TEXT,
    "instructions" JSONB,
    "statusCallbackUrl" TEXT,
    "statusCallbackMethod" TEXT NOT NULL DEFAULT 'POST',
    "statusCallbackEvents" TEXT[],
    "timeoutSeconds" INTEGER NOT NULL DEFAULT 60,
    "timeLimitSeconds" INTEGER,
    "record" BOOLEAN NOT NULL DEFAULT false,
    "apiKeyId" TEXT,
    "apiSurface" TEXT NOT NULL DEFAULT 'native',
    "endRequestedAt" TIMESTAMP(3),
    "endRequestedStatus" "CallStatus",
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "initiatedAt" TIMESTAMP(3),
    "ringingAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "durationSeconds" INTEGER,
    "billsec" INTEGER,
    "hangupCause" TEXT,
    "sipStatus" INTEGER,
    "answeredBy" TEXT,
    "priceMicros" BIGINT,
    "currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "eventSequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallEvent" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "status" "CallStatus",
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CallEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallRecord" (
    "id" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "direction" "CallDirection" NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "switchId" TEXT,
    "status" "CallStatus" NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3) NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "billsec" INTEGER NOT NULL,
    "hangupCause" TEXT,
    "sipStatus" INTEGER,
    "answeredBy" TEXT,
    "recordingId" TEXT,
    "ratePerMinuteMicros" BIGINT NOT NULL,
    "billingIncrementSeconds" INTEGER NOT NULL,
    "billableSeconds" INTEGER NOT NULL,
    "costMicros" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CallRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TenantDataKey" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "wrappedKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "TenantDataKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recording" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "status" "RecordingStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "channels" INTEGER NOT NULL DEFAULT 1,
    "durationSeconds" INTEGER,
    "sizeBytes" BIGINT,
    "contentType" TEXT NOT NULL DEFAULT 'audio/wav',
    "storage" TEXT,
    "storageKey" TEXT,
    "dataKeyId" TEXT,
    "switchPath" TEXT,
    "events" JSONB NOT NULL DEFAULT '[]',
    "errorMessage" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recording_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallbackDelivery" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'POST',
    "format" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "params" JSONB NOT NULL,
    "status" "CallbackDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "responseStatus" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "CallbackDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SipUser" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT,
    "domain" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordCipher" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SipUser_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PricePlan_name_key" ON "PricePlan"("name");

-- CreateIndex
CREATE UNIQUE INDEX "PhoneNumber_e164_key" ON "PhoneNumber"("e164");

-- CreateIndex
CREATE INDEX "PhoneNumber_tenantId_createdAt_idx" ON "PhoneNumber"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Call_channelUuid_key" ON "Call"("channelUuid");

-- CreateIndex
CREATE INDEX "Call_tenantId_createdAt_id_idx" ON "Call"("tenantId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Call_status_switchId_queuedAt_idx" ON "Call"("status", "switchId", "queuedAt");

-- CreateIndex
CREATE INDEX "Call_tenantId_status_idx" ON "Call"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CallEvent_callId_sequence_key" ON "CallEvent"("callId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "CallRecord_callId_key" ON "CallRecord"("callId");

-- CreateIndex
CREATE INDEX "CallRecord_tenantId_endedAt_idx" ON "CallRecord"("tenantId", "endedAt");

-- CreateIndex
CREATE INDEX "TenantDataKey_tenantId_purpose_createdAt_idx" ON "TenantDataKey"("tenantId", "purpose", "createdAt");

-- CreateIndex
CREATE INDEX "Recording_callId_idx" ON "Recording"("callId");

-- CreateIndex
CREATE INDEX "Recording_tenantId_createdAt_idx" ON "Recording"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Recording_status_createdAt_idx" ON "Recording"("status", "createdAt");

-- CreateIndex
CREATE INDEX "CallbackDelivery_status_nextAttemptAt_idx" ON "CallbackDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "CallbackDelivery_callId_sequence_idx" ON "CallbackDelivery"("callId", "sequence");

-- CreateIndex
CREATE INDEX "SipUser_tenantId_idx" ON "SipUser"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "SipUser_domain_username_key" ON "SipUser"("domain", "username");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_accountSid_key" ON "Tenant"("accountSid");

-- AddForeignKey
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_pricePlanId_fkey" FOREIGN KEY ("pricePlanId") REFERENCES "PricePlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhoneNumber" ADD CONSTRAINT "PhoneNumber_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_phoneNumberId_fkey" FOREIGN KEY ("phoneNumberId") REFERENCES "PhoneNumber"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallEvent" ADD CONSTRAINT "CallEvent_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallRecord" ADD CONSTRAINT "CallRecord_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallRecord" ADD CONSTRAINT "CallRecord_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantDataKey" ADD CONSTRAINT "TenantDataKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recording" ADD CONSTRAINT "Recording_dataKeyId_fkey" FOREIGN KEY ("dataKeyId") REFERENCES "TenantDataKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallbackDelivery" ADD CONSTRAINT "CallbackDelivery_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SipUser" ADD CONSTRAINT "SipUser_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

