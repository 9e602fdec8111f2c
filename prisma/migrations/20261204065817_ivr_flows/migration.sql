-- CreateTable
CREATE TABLE "Flow" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "draft" JSONB NOT NULL,
    "publishedVersionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Flow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowVersion" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "graph" JSONB NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT,

    CONSTRAINT "FlowVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Flow_publishedVersionId_key" ON "Flow"("publishedVersionId");

-- CreateIndex
CREATE INDEX "Flow_tenantId_createdAt_idx" ON "Flow"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "FlowVersion_tenantId_id_idx" ON "FlowVersion"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "FlowVersion_flowId_number_key" ON "FlowVersion"("flowId", "number");

-- CreateIndex
CREATE INDEX "PhoneNumber_voiceFlowId_idx" ON "PhoneNumber"("voiceFlowId");

-- Numbers written before flows existed may name a flow id that was never stored: they lose it (no call could run it).
UPDATE "PhoneNumber" SET "voiceFlowId" = NULL WHERE "voiceFlowId" IS NOT NULL;

-- AddForeignKey
ALTER TABLE "PhoneNumber" ADD CONSTRAINT "PhoneNumber_voiceFlowId_fkey" FOREIGN KEY ("voiceFlowId") REFERENCES "Flow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flow" ADD CONSTRAINT "Flow_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flow" ADD CONSTRAINT "Flow_publishedVersionId_fkey" FOREIGN KEY ("publishedVersionId") REFERENCES "FlowVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowVersion" ADD CONSTRAINT "FlowVersion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowVersion" ADD CONSTRAINT "FlowVersion_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A published version never changes: calls that started on it keep running exactly what was published.
CREATE FUNCTION "FlowVersion_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a published flow version cannot be changed (%)', OLD."id" USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER "FlowVersion_immutable" BEFORE UPDATE ON "FlowVersion" FOR EACH ROW EXECUTE FUNCTION "FlowVersion_immutable"();
