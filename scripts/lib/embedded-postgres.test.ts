import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { clearStaleLock, superviseEmbeddedPostgres } from "./embedded-postgres";
import { freePort } from "./free-port";

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

describe("superviseEmbeddedPostgres", () => {
  it.skipIf(process.platform !== "linux")("restarts the launcher's server when it is killed, says so, and stops it on request", async () => {
    const parent = mkdtempSync(path.join(tmpdir(), "irisx-supervised-"));
    // mkdtemp makes it 0700: as root, the server runs as `postgres`, which must reach its data folder.
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "pg");
    const port = await freePort();
    const said: string[] = [];
    const supervised = await superviseEmbeddedPostgres({ dataDir, port, checkMs: 200 }, { info: (m) => said.push(m), warn: (m) => said.push(m) });
    const query = async () => {
      const client = new pg.Client({ connectionString: supervised.url("postgres") });
      await client.connect();
      try {
        return (await client.query<{ one: number }>("SELECT 1 AS one")).rows[0]!.one;
      } finally {
        await client.end();
      }
    };
    try {
      expect(await query()).toBe(1);
      const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      process.kill(pid, "SIGKILL");
      const deadline = Date.now() + 60_000;
      while (supervised.restarts === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(supervised.restarts).toBe(1);
      expect(await query()).toBe(1);
      expect(said.some((m) => /stopped unexpectedly: restarting it/.test(m))).toBe(true);
      expect(said.some((m) => /restarted on port/.test(m))).toBe(true);
    } finally {
      await supervised.stop();
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
    await expect(query()).rejects.toThrow();
  }, 120_000);
});
