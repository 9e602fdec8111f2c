-- CreateTable
CREATE TABLE "VoicemailBox" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT,
    "name" TEXT NOT NULL,
    "greetingText" TEXT,
    "maxLengthSeconds" INTEGER NOT NULL DEFAULT 120,
    "transcribe" BOOLEAN NOT NULL DEFAULT false,
    "notifyEmails" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VoicemailBox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoicemailGreeting" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "boxId" TEXT NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "contentType" TEXT NOT NULL DEFAULT 'audio/wav',
    "storage" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "dataKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoicemailGreeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Voicemail" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "boxId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "recordingId" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "readAt" TIMESTAMP(3),
    "transcriptionStatus" TEXT NOT NULL DEFAULT 'none',
    "transcript" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Voicemail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VoicemailBox_tenantId_createdAt_idx" ON "VoicemailBox"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "VoicemailGreeting_boxId_key" ON "VoicemailGreeting"("boxId");

-- CreateIndex
CREATE INDEX "VoicemailGreeting_tenantId_idx" ON "VoicemailGreeting"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Voicemail_recordingId_key" ON "Voicemail"("recordingId");

-- CreateIndex
CREATE INDEX "Voicemail_tenantId_createdAt_idx" ON "Voicemail"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Voicemail_boxId_createdAt_idx" ON "Voicemail"("boxId", "createdAt");

-- CreateIndex
CREATE INDEX "CallEvent_tenantId_type_occurredAt_id_idx" ON "CallEvent"("tenantId", "type", "occurredAt", "id");

-- AddForeignKey
ALTER TABLE "VoicemailBox" ADD CONSTRAINT "VoicemailBox_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VoicemailBox" ADD CONSTRAINT "VoicemailBox_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VoicemailGreeting" ADD CONSTRAINT "VoicemailGreeting_boxId_fkey" FOREIGN KEY ("boxId") REFERENCES "VoicemailBox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VoicemailGreeting" ADD CONSTRAINT "VoicemailGreeting_dataKeyId_fkey" FOREIGN KEY ("dataKeyId") REFERENCES "TenantDataKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Voicemail" ADD CONSTRAINT "Voicemail_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Voicemail" ADD CONSTRAINT "Voicemail_boxId_fkey" FOREIGN KEY ("boxId") REFERENCES "VoicemailBox"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Voicemail" ADD CONSTRAINT "Voicemail_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Voicemail" ADD CONSTRAINT "Voicemail_recordingId_fkey" FOREIGN KEY ("recordingId") REFERENCES "Recording"("id") ON DELETE CASCADE ON UPDATE CASCADE;

