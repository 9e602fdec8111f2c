// npm run db:migration:new <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// takes the last migrated schema (prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffSchemas, readSchema } from "./lib/prisma-diff.ts";
import { startEmbeddedPostgres } from "./lib/embedded-postgres.ts";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration:new <name>");
  process.exit(2);
}
const dir = path.join(process.cwd(), "prisma/migrations");
const snapshotFile = path.join(dir, "schema.snapshot.prisma");
const previous = existsSync(snapshotFile) ? readFileSync(snapshotFile, "utf8") : null;
const current = readSchema();

const pg = process.env.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: process.env.EMBEDDED_PG_DIR ?? ".data/postgres", port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
const sql = diffSchemas({ from: previous, to: current, databaseUrl: process.env.DATABASE_URL ?? pg!.url("postgres") });
await pg?.stop();

if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("schema.prisma matches the last migration: nothing to write");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
mkdirSync(target, { recursive: true });
writeFileSync(path.join(target, "migration.sql"), sql);
writeFileSync(snapshotFile, current);
console.log(`wrote ${path.relative(process.cwd(), target)}/migration.sql`);
