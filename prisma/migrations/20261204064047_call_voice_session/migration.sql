-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "redirectRequest" JSONB,
ADD COLUMN     "redirectRequestedAt" TIMESTAMP(3),
ADD COLUMN     "voiceSession" JSONB;

