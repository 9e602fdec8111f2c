// Once per `vitest run`: a real PostgreSQL (embedded, its own data folder and port), and a template database
// with every migration applied. Each test file then gets its own copy (setup-database.ts), so files run in
// parallel without sharing rows.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { applyMigrations } from "../server/migrations/apply-migrations";

// Its default port is below Linux's ephemeral range (32768–60999): a port in that range can be held at any moment by
// the client end of some connection, and PostgreSQL then fails to bind ("Address already in use"), as seen in CI.
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_ADMIN_URL;
  const handle = external
    ? null
    : await startEmbeddedPostgres({ dataDir: ".data/test-postgres", port: Number(process.env.TEST_PG_PORT ?? 25430) });
  const adminUrl = external ?? handle!.url("postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Run ids start with the run's start time, so databases that crashed runs left behind can be told apart
  // from those of a run going on beside this one (two developers, or a developer and an agent).
  const stale = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^(t|tpl)_[0-9]+_'`);
  const cutoff = Math.floor(Date.now() / 1000) - 2 * 3600;
  for (const { datname } of stale.rows) {
    if (Number(datname.split("_")[1]) < cutoff) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
  }
  const runId = `${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString("hex")}`;
  const template = `tpl_${runId}`;
  await admin.query(`CREATE DATABASE "${template}"`);
  await applyMigrations(adminUrl.replace(/\/[^/]*$/, `/${template}`));
  await admin.end();
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  project.provide("pgRunId", runId);
  return async () => {
    if (handle) return handle.stop();
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    const own = await cleanup.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [`t\\_${runId}\\_%`, template]);
    for (const row of own.rows) await cleanup.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`).catch(() => undefined);
    await cleanup.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    pgRunId: string;
  }
}
