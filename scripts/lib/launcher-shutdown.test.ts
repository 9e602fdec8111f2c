// The launchers stop PostgreSQL last: a child that writes to the database while it drains (as the worker marks its
// WorkerInstance stopped) still finds it up, whether the terminal's Ctrl+C hits the whole process group or
// `docker stop` sends SIGTERM to the launcher alone; and a launcher killed outright does not break the next start.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { freePort } from "./free-port";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const LAUNCHER = path.join(import.meta.dirname, "fixtures", "supervised-launcher.ts");

let root: string;
let dataDir: string;
let port: number;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "irisx-launcher-"));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data folder.
  chmodSync(root, 0o755);
  dataDir = path.join(root, "postgres");
  port = await freePort();
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function startLauncher() {
  const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(port), LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  // A process group of its own, as a terminal gives the command it runs in the foreground.
  const child = spawn(process.execPath, ["--import", "tsx", LAUNCHER], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
  const ready = async () => {
    const deadline = Date.now() + 20_000;
    while (!output.includes("drain-writer: ready")) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the launcher did not get ready:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { pid: child.pid!, exited, ready, output: () => output };
}

async function accepting(): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: "irisx", password: "irisx", database: "postgres", connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The rows the drain-writer committed, read from the server started again. */
async function drainWrites(): Promise<number> {
  const server = await startEmbeddedPostgres({ dataDir, port });
  const client = new pg.Client({ connectionString: server.url("irisx") });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM drain_log");
    return rows[0]!.n;
  } finally {
    await client.end();
    await server.stop();
  }
}

async function expectStoppedAfterDrain(launcher: ReturnType<typeof startLauncher>, writesBefore: number) {
  expect(await launcher.exited, launcher.output()).toBe(0);
  expect(launcher.output()).toContain("drain-writer: write committed");
  expect(await accepting()).toBe(false);
  expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
  expect(await drainWrites()).toBe(writesBefore + 1);
}

describe("stopping the launcher", () => {
  it("Ctrl+C (SIGINT to the whole process group): the child's drain writes, then PostgreSQL stops", async () => {
    const launcher = startLauncher();
    await launcher.ready();
    process.kill(-launcher.pid, "SIGINT");
    await expectStoppedAfterDrain(launcher, 0);
  }, 60_000);

  it("SIGTERM to the launcher alone (docker stop): the same order", async () => {
    const launcher = startLauncher();
    await launcher.ready();
    process.kill(launcher.pid, "SIGTERM");
    await expectStoppedAfterDrain(launcher, 1);
  }, 30_000);

  it("after the launcher and its children were killed outright, the next start works and stops PostgreSQL last", async () => {
    const killed = startLauncher();
    await killed.ready();
    process.kill(-killed.pid, "SIGKILL");
    await killed.exited;

    const next = startLauncher();
    await next.ready();
    process.kill(-next.pid, "SIGINT");
    await expectStoppedAfterDrain(next, 2);
  }, 30_000);
});
