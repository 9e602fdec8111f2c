// SQL between two Prisma schemas, offline. Prisma 7's `migrate diff` needs a schema-engine binary it cannot
// download here; Prisma 6.19's experimental JS engine (installed as the `prisma6` alias) computes the same
// diff through @prisma/adapter-pg. It needs a reachable PostgreSQL (any database; nothing is written).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Prisma 6 wants a `url` in the datasource block; Prisma 7 forbids it. */
function forPrisma6(schema: string): string {
  return schema.replace(/datasource\s+db\s*\{([^}]*)\}/, (_m, body: string) =>
    body.includes("url") ? `datasource db {${body}}` : `datasource db {${body}  url = env("DATABASE_URL")\n}`,
  );
}

export function diffSchemas(opts: { from: string | null; to: string; databaseUrl: string }): string {
  const dir = mkdtempSync(path.join(tmpdir(), "irisx-diff-"));
  try {
    writeFileSync(path.join(dir, "to.prisma"), forPrisma6(opts.to));
    if (opts.from !== null) writeFileSync(path.join(dir, "from.prisma"), forPrisma6(opts.from));
    writeFileSync(
      path.join(dir, "prisma.config.mjs"),
      `import { PrismaPg } from ${JSON.stringify(path.join(root, "node_modules/@prisma/adapter-pg/dist/index.mjs"))};
export default { engine: "js", experimental: { adapter: true }, schema: "to.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }) };\n`,
    );
    const fake = path.join(dir, "no-engine");
    writeFileSync(fake, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
    const args = [
      path.join(root, "node_modules/prisma6/build/index.js"), "migrate", "diff",
      "--config", "prisma.config.mjs",
      ...(opts.from === null ? ["--from-empty"] : ["--from-schema-datamodel", "from.prisma"]),
      "--to-schema-datamodel", "to.prisma", "--script",
    ];
    const out = execFileSync(process.execPath, args, {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: opts.databaseUrl, PRISMA_QUERY_ENGINE_LIBRARY: fake, PRISMA_SCHEMA_ENGINE_BINARY: fake, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readSchema(file = path.join(root, "prisma/schema.prisma")): string {
  return readFileSync(file, "utf8");
}
