// Once per `vitest run`: a real PostgreSQL (embedded, its own data folder and port), and a template database
// with every migration applied. Each test file then gets its own copy (setup-database.ts), so files run in
// parallel without sharing rows.
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { applyMigrations } from "../server/migrations/apply-migrations";

export const TEMPLATE_DB = "irisx_test_template";

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_ADMIN_URL;
  const handle = external
    ? null
    : await startEmbeddedPostgres({ dataDir: ".data/test-postgres", port: Number(process.env.TEST_PG_PORT ?? 54330) });
  const adminUrl = external ?? handle!.url("postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const stale = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 't\\_%' OR datname = $1`, [TEMPLATE_DB]);
  for (const row of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  await applyMigrations(adminUrl.replace(/\/[^/]*$/, `/${TEMPLATE_DB}`));
  await admin.end();
  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await handle?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
