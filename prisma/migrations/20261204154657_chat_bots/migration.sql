-- CreateTable
CREATE TABLE "ChatBot" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenCipher" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "webhookSecretCipher" TEXT,
    "publicKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatBot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChatBot_tenantId_idx" ON "ChatBot"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatBot_channel_externalId_key" ON "ChatBot"("channel", "externalId");

-- AddForeignKey
ALTER TABLE "ChatBot" ADD CONSTRAINT "ChatBot_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

