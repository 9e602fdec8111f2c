-- CreateTable
CREATE TABLE "TeamsBot" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "appTenantId" TEXT NOT NULL,
    "clientSecretCipher" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamsBot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamsConversation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "botId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "serviceUrl" TEXT NOT NULL,
    "conversationType" TEXT,
    "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamsConversation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TeamsBot_appId_key" ON "TeamsBot"("appId");

-- CreateIndex
CREATE INDEX "TeamsBot_tenantId_idx" ON "TeamsBot"("tenantId");

-- CreateIndex
CREATE INDEX "TeamsConversation_tenantId_idx" ON "TeamsConversation"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamsConversation_botId_conversationId_key" ON "TeamsConversation"("botId", "conversationId");

-- AddForeignKey
ALTER TABLE "TeamsBot" ADD CONSTRAINT "TeamsBot_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamsConversation" ADD CONSTRAINT "TeamsConversation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamsConversation" ADD CONSTRAINT "TeamsConversation_botId_fkey" FOREIGN KEY ("botId") REFERENCES "TeamsBot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

