// Runs the embedded PostgreSQL in the foreground (for developers who want it up on its own).
import { startEmbeddedPostgres } from "./lib/embedded-postgres.ts";

const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const handle = await startEmbeddedPostgres({ dataDir: process.env.EMBEDDED_PG_DIR ?? ".data/postgres", port });
console.log(`PostgreSQL ready: ${handle.url("irisx")}`);
const stop = async () => { await handle.stop(); process.exit(0); };
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
setInterval(() => undefined, 1 << 30);
