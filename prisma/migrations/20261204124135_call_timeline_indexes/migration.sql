-- CreateIndex
CREATE INDEX "Call_tenantId_from_createdAt_idx" ON "Call"("tenantId", "from", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Call_tenantId_to_createdAt_idx" ON "Call"("tenantId", "to", "createdAt" DESC);

