// Fails when prisma/schema.prisma and prisma/migrations disagree: the database built by the migrations must
// have exactly the tables, columns, types, defaults, indexes and constraints that the schema produces.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { diffSchemas, readSchema } from "../../../scripts/lib/prisma-diff";
import { applyMigrations, readMigrations } from "./apply-migrations";

async function catalog(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query(sql)).rows.map((r) => JSON.stringify(r)).sort();
    return {
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
      constraints: await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`),
      enums: await q(`SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid`),
    };
  } finally {
    await c.end();
  }
}

/**
 * Expression indexes the migrations create that Prisma's schema language cannot declare (lower(col) with
 * text_pattern_ops, for the admin search's whole-value and prefix matches; to_tsvector(body) for the inbox's search). schema.prisma names each in a comment;
 * here they must exist in the migrated database, and are left out of the comparison.
 */
const EXPRESSION_INDEXES = ["ConversationNote_body_fts_idx", "Message_body_fts_idx", "Invitation_email_lower_idx", "PhoneNumber_friendlyName_lower_idx", "Tenant_name_lower_idx", "Tenant_slug_lower_idx", "User_email_lower_idx", "User_name_lower_idx"];
const isExpressionIndex = (row: string) => EXPRESSION_INDEXES.includes((JSON.parse(row) as { indexname: string }).indexname);
/** CHECK constraints the migrations add that Prisma cannot declare (schema.prisma names each in a comment). */
const CHECK_CONSTRAINTS = ["CallbackDelivery_subject_check", "AgentSkill_level_check", "QueueSkill_minLevel_check", "CallQueue_strategy_check", "QueueCallback_status_check"];
const isCheckConstraint = (row: string) => CHECK_CONSTRAINTS.includes((JSON.parse(row) as { conname: string }).conname);

describe("schema.prisma and migrations", () => {
  it("build the same database", async () => {
    const base = process.env.DATABASE_URL!;
    const admin = new pg.Client({ connectionString: base.replace(/\/[^/]*$/, "/postgres") });
    await admin.connect();
    const fromSchema = `${process.env.TEST_DATABASE_NAME}_schema`;
    const fromMigrations = `${process.env.TEST_DATABASE_NAME}_migr`;
    await admin.query(`CREATE DATABASE "${fromSchema}"`);
    await admin.query(`CREATE DATABASE "${fromMigrations}"`);
    await admin.end();
    const urlOf = (db: string) => base.replace(/\/[^/]*$/, `/${db}`);

    const sql = diffSchemas({ from: null, to: readSchema(), databaseUrl: urlOf(fromSchema) });
    const c = new pg.Client({ connectionString: urlOf(fromSchema) });
    await c.connect();
    // Prisma's diff leaves extensions out (the schema declares none); the admin_search migration creates pg_trgm,
    // whose operator classes the schema's trigram indexes name.
    await c.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    await c.query(sql);
    await c.end();
    await applyMigrations(urlOf(fromMigrations), readMigrations());

    const [expected, actual] = await Promise.all([catalog(urlOf(fromSchema)), catalog(urlOf(fromMigrations))]);
    expect(actual.columns.length).toBeGreaterThan(10);
    expect(actual.indexes.filter(isExpressionIndex).map((r) => (JSON.parse(r) as { indexname: string }).indexname).sort()).toEqual([...EXPRESSION_INDEXES].sort());
    expect(actual.constraints.filter(isCheckConstraint).map((r) => (JSON.parse(r) as { conname: string }).conname).sort()).toEqual([...CHECK_CONSTRAINTS].sort());
    expect({ ...actual, indexes: actual.indexes.filter((r) => !isExpressionIndex(r)), constraints: actual.constraints.filter((r) => !isCheckConstraint(r)) }).toEqual(expected);
  }, 60_000);

  it("re-applying migrations is a no-op", async () => {
    expect(await applyMigrations(process.env.DATABASE_URL!)).toEqual([]);
  });
});
