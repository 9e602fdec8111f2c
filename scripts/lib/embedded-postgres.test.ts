import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { clearStaleLock } from "./embedded-postgres";

function lockNaming(pid: number): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), "irisx-lock-"));
  // The first line of postmaster.pid is the server's process id.
  writeFileSync(path.join(dataDir, "postmaster.pid"), `${pid}\n${dataDir}\n1700000000\n54329\n`);
  return dataDir;
}
const locked = (dataDir: string) => existsSync(path.join(dataDir, "postmaster.pid"));

describe("clearStaleLock", () => {
  it("removes the lock of a server whose process is gone", () => {
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    const dataDir = lockNaming(gone);
    clearStaleLock(dataDir);
    expect(locked(dataDir)).toBe(false);
  });

  // After a restart, the number in a stale lock may belong to another process: PostgreSQL would then refuse to start.
  it.skipIf(process.platform !== "linux")("removes a lock whose process id now belongs to a process that is not PostgreSQL", () => {
    const dataDir = lockNaming(process.pid);
    clearStaleLock(dataDir);
    expect(locked(dataDir)).toBe(false);
  });

  it.skipIf(process.platform !== "linux" || Boolean(process.env.TEST_DATABASE_ADMIN_URL))("keeps the lock of a live PostgreSQL process", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      const dataDir = lockNaming(rows[0]!.pid);
      clearStaleLock(dataDir);
      expect(locked(dataDir)).toBe(true);
    } finally {
      await client.end();
    }
  });
});
