-- CreateEnum
CREATE TYPE "ConferenceStatus" AS ENUM ('INIT', 'IN_PROGRESS', 'COMPLETED');

-- CreateEnum
CREATE TYPE "ConferenceParticipantStatus" AS ENUM ('QUEUED', 'CONNECTING', 'RINGING', 'CONNECTED', 'COMPLETED');

-- CreateTable
CREATE TABLE "Conference" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "friendlyName" TEXT NOT NULL,
    "room" TEXT NOT NULL,
    "status" "ConferenceStatus" NOT NULL DEFAULT 'INIT',
    "reasonEnded" TEXT,
    "callSidEndingConference" TEXT,
    "switchId" TEXT,
    "statusCallbackUrl" TEXT,
    "statusCallbackMethod" TEXT NOT NULL DEFAULT 'POST',
    "statusCallbackEvents" TEXT[],
    "statusCallbackCallId" TEXT,
    "callbackSequence" INTEGER NOT NULL DEFAULT 0,
    "recordingId" TEXT,
    "recordingStatusCallbackUrl" TEXT,
    "recordingStatusCallbackMethod" TEXT NOT NULL DEFAULT 'POST',
    "maxParticipants" INTEGER NOT NULL DEFAULT 250,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConferenceParticipant" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "label" TEXT,
    "status" "ConferenceParticipantStatus" NOT NULL DEFAULT 'QUEUED',
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "hold" BOOLEAN NOT NULL DEFAULT false,
    "coaching" BOOLEAN NOT NULL DEFAULT false,
    "callSidToCoach" TEXT,
    "startConferenceOnEnter" BOOLEAN NOT NULL DEFAULT true,
    "endConferenceOnExit" BOOLEAN NOT NULL DEFAULT false,
    "memberId" INTEGER,
    "joinedAt" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConferenceParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConferenceRequest" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "conferenceId" TEXT NOT NULL,
    "callId" TEXT,
    "switchId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "takenAt" TIMESTAMP(3),

    CONSTRAINT "ConferenceRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Conference_tenantId_createdAt_id_idx" ON "Conference"("tenantId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Conference_tenantId_friendlyName_status_idx" ON "Conference"("tenantId", "friendlyName", "status");

-- CreateIndex
CREATE INDEX "Conference_room_status_idx" ON "Conference"("room", "status");

-- CreateIndex
CREATE INDEX "Conference_status_createdAt_idx" ON "Conference"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ConferenceParticipant_status_idx" ON "ConferenceParticipant"("status");

-- CreateIndex
CREATE INDEX "ConferenceParticipant_callId_idx" ON "ConferenceParticipant"("callId");

-- CreateIndex
CREATE INDEX "ConferenceParticipant_tenantId_conferenceId_idx" ON "ConferenceParticipant"("tenantId", "conferenceId");

-- CreateIndex
CREATE UNIQUE INDEX "ConferenceParticipant_conferenceId_callId_key" ON "ConferenceParticipant"("conferenceId", "callId");

-- CreateIndex
CREATE INDEX "ConferenceRequest_switchId_takenAt_idx" ON "ConferenceRequest"("switchId", "takenAt");

-- AddForeignKey
ALTER TABLE "Conference" ADD CONSTRAINT "Conference_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConferenceParticipant" ADD CONSTRAINT "ConferenceParticipant_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConferenceParticipant" ADD CONSTRAINT "ConferenceParticipant_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConferenceRequest" ADD CONSTRAINT "ConferenceRequest_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference"("id") ON DELETE CASCADE ON UPDATE CASCADE;

