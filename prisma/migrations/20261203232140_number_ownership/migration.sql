-- CreateEnum
CREATE TYPE "NumberOrigin" AS ENUM ('PROVISIONED', 'ASSIGNED', 'CLAIMED');

-- AlterTable: numbers added before this migration were typed in by their tenants, unproven: CLAIMED (they keep
-- routing inbound calls; as caller ID they need verifying or assigning by staff). New rows must say their origin.
ALTER TABLE "PhoneNumber" ADD COLUMN     "origin" "NumberOrigin" NOT NULL DEFAULT 'CLAIMED',
ADD COLUMN     "provider" TEXT,
ADD COLUMN     "providerNumberId" TEXT;
ALTER TABLE "PhoneNumber" ALTER COLUMN "origin" DROP DEFAULT;

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "purpose" TEXT;

-- CreateTable
CREATE TABLE "CallerId" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "e164" TEXT NOT NULL,
    "friendlyName" TEXT NOT NULL DEFAULT '',
    "verifiedAt" TIMESTAMP(3),
    "codeHash" TEXT,
    "codeExpiresAt" TIMESTAMP(3),
    "codeAttempts" INTEGER NOT NULL DEFAULT 0,
    "verificationCallId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallerId_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CallerId_tenantId_createdAt_idx" ON "CallerId"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CallerId_tenantId_e164_key" ON "CallerId"("tenantId", "e164");

-- AddForeignKey
ALTER TABLE "CallerId" ADD CONSTRAINT "CallerId_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

