-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "fallbackMethod" TEXT NOT NULL DEFAULT 'POST',
ADD COLUMN     "fallbackUrl" TEXT,
ADD COLUMN     "sendDigits" TEXT;

