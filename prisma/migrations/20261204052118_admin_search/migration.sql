-- Admin global search and the tenants list (issue 13). pg_trgm ships with PostgreSQL's contrib modules (the embedded
-- PostgreSQL from npm includes it); its GIN indexes serve ILIKE '%part%', similarity (%) and equality on the columns
-- below, so searches and exact matches are index lookups.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "TenantDailyUsage" (
    "tenantId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "shard" SMALLINT NOT NULL,
    "calls" INTEGER NOT NULL,

    CONSTRAINT "TenantDailyUsage_pkey" PRIMARY KEY ("tenantId","day","shard")
);

-- CreateIndex
CREATE INDEX "TenantDailyUsage_day_tenantId_calls_idx" ON "TenantDailyUsage"("day", "tenantId", "calls");

-- CreateIndex
CREATE INDEX "Tenant_search_trgm_idx" ON "Tenant" USING GIN ("name" gin_trgm_ops, "slug" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_search_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops, "name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Invitation_search_trgm_idx" ON "Invitation" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "CallerId_search_trgm_idx" ON "CallerId" USING GIN ("e164" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "PhoneNumber_search_trgm_idx" ON "PhoneNumber" USING GIN ("e164" gin_trgm_ops, "friendlyName" gin_trgm_ops);

-- The whole value and its start, case-insensitively, on a btree: lower(column) with text_pattern_ops serves
-- lower(column) = 'x' and lower(column) LIKE 'x%' under any collation (a trigram index reads every row that merely
-- contains the start's trigrams: all 25,000 "gmail" addresses for 'gmail%'). Not expressible in schema.prisma;
-- named there in comments.
CREATE INDEX "Tenant_name_lower_idx" ON "Tenant" (lower("name") text_pattern_ops);
CREATE INDEX "Tenant_slug_lower_idx" ON "Tenant" (lower("slug") text_pattern_ops);
CREATE INDEX "User_email_lower_idx" ON "User" (lower("email") text_pattern_ops);
CREATE INDEX "User_name_lower_idx" ON "User" (lower("name") text_pattern_ops);
CREATE INDEX "Invitation_email_lower_idx" ON "Invitation" (lower("email") text_pattern_ops);
CREATE INDEX "PhoneNumber_friendlyName_lower_idx" ON "PhoneNumber" (lower("friendlyName") text_pattern_ops);

-- AddForeignKey
ALTER TABLE "TenantDailyUsage" ADD CONSTRAINT "TenantDailyUsage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The daily usage rollup is kept by the database itself, so every way a call is written (the API's single-statement
-- insert, inbound legs, verification calls, bulk loads) counts, in the same transaction. Statement-level triggers
-- with transition tables: one grouped upsert per statement, however many rows it wrote.
CREATE FUNCTION "tenant_daily_usage_count"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Ordered, so two bulk inserts lock their rows in the same order and cannot deadlock.
    INSERT INTO "TenantDailyUsage" ("tenantId", "day", "shard", "calls")
    SELECT c."tenantId", c."createdAt"::date, (pg_backend_pid() % 8)::smallint, count(*)::int
    FROM changed_calls c GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("tenantId", "day", "shard") DO UPDATE SET "calls" = "TenantDailyUsage"."calls" + EXCLUDED."calls";
  ELSE
    -- Deleted calls come off one existing shard of their day (a shard may go negative; the day's sum stays right).
    -- Only existing rows are updated: when a tenant is deleted its rows are already going, and nothing is re-inserted.
    UPDATE "TenantDailyUsage" u SET "calls" = u."calls" - d."calls"
    FROM (SELECT c."tenantId", c."createdAt"::date AS "day", count(*)::int AS "calls" FROM changed_calls c GROUP BY 1, 2) d
    WHERE u."tenantId" = d."tenantId" AND u."day" = d."day"
      AND u."shard" = (SELECT min(s."shard") FROM "TenantDailyUsage" s WHERE s."tenantId" = d."tenantId" AND s."day" = d."day");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Call_daily_usage_insert" AFTER INSERT ON "Call"
  REFERENCING NEW TABLE AS changed_calls FOR EACH STATEMENT EXECUTE FUNCTION "tenant_daily_usage_count"();
CREATE TRIGGER "Call_daily_usage_delete" AFTER DELETE ON "Call"
  REFERENCING OLD TABLE AS changed_calls FOR EACH STATEMENT EXECUTE FUNCTION "tenant_daily_usage_count"();

-- The calls made before this migration.
INSERT INTO "TenantDailyUsage" ("tenantId", "day", "shard", "calls")
SELECT "tenantId", "createdAt"::date, 0, count(*)::int FROM "Call" GROUP BY 1, 2;
