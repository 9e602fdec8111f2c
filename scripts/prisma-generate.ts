// `prisma generate` offline: Prisma 7 insists on locating its schema engine before generating, even though
// the generated client (driver adapter, no engine) never uses it. Any executable satisfies the check.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const dir = path.join(tmpdir(), "irisx-prisma");
  const fake = path.join(dir, "schema-engine-unavailable");
  if (!existsSync(fake)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(fake, "#!/bin/sh\necho 'schema engine not available offline' >&2\nexit 1\n");
    chmodSync(fake, 0o755);
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = fake;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
execFileSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
