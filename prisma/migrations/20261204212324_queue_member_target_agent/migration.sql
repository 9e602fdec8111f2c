-- AlterTable
ALTER TABLE "QueueMember" ADD COLUMN     "targetAgentId" TEXT;

