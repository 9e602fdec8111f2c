// Runs before each test file: clones the migrated template into a database of the file's own and points
// DATABASE_URL at it before any app module (src/env.ts) is imported.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

const adminUrl = inject("pgAdminUrl");
const name = `t_${inject("pgRunId")}_${randomBytes(5).toString("hex")}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("pgTemplate")}"`);
await admin.end();
process.env.DATABASE_URL = adminUrl.replace(/\/[^/]*$/, `/${name}`);
process.env.TEST_DATABASE_NAME = name;
