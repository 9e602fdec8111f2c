// A PostgreSQL server of one test file's own, migrated, that the test may stop and start (database outages): the
// suite's shared server cannot be stopped under the other files. Call it before any app module reads DATABASE_URL:
//   const pg = await vi.hoisted(async () => (await import("@/test/own-postgres")).startOwnPostgres("outage"));
import { rmSync } from "node:fs";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../../scripts/lib/embedded-postgres";
import { freePort } from "../../scripts/lib/free-port";
import { applyMigrations } from "../server/migrations/apply-migrations";

export interface OwnPostgres {
  url: string;
  /** Stops the server (fast shutdown: open connections are terminated, as in a real outage). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it for good and deletes its data. */
  destroy(): Promise<void>;
}

export async function startOwnPostgres(name: string): Promise<OwnPostgres> {
  const port = await freePort();
  const dataDir = path.resolve(".data", `own-postgres-${name}-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  let handle: EmbeddedPostgresHandle | null = await startEmbeddedPostgres({ dataDir, port });
  const url = handle.url("irisx");
  await ensureDatabase(handle.url("postgres"), "irisx");
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  return {
    url,
    async stop() {
      await handle?.stop();
      handle = null;
    },
    async start() {
      handle ??= await startEmbeddedPostgres({ dataDir, port });
    },
    async destroy() {
      await handle?.stop();
      handle = null;
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.log`, { force: true });
    },
  };
}
