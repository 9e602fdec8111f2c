-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "registeredSwitchId" TEXT;

