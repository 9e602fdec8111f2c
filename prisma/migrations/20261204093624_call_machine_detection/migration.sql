-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "machineDetection" JSONB;

