-- CreateTable
CREATE TABLE "TenantSpeechSettings" (
    "tenantId" TEXT NOT NULL,
    "defaultVoice" TEXT,
    "sttProvider" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TenantSpeechSettings_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "TenantSpeechCredential" (
    "tenantId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "secretCipher" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TenantSpeechCredential_pkey" PRIMARY KEY ("tenantId","provider")
);

-- AddForeignKey
ALTER TABLE "TenantSpeechSettings" ADD CONSTRAINT "TenantSpeechSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TenantSpeechCredential" ADD CONSTRAINT "TenantSpeechCredential_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

