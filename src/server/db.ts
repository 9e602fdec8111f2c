import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";
import { logger } from "@/server/logger";
import { processState } from "@/server/shared/process-state";

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. Use-cases that write several rows take one. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type DbOrTx = PrismaClient | Tx;

interface Database {
  client: PrismaClient;
  pool: pg.Pool;
}

function create(): Database {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set (start the app through `npm run dev` or `npm start`)");
  // Connections are kept for minutes, not pg's default 10 s: a new one costs a SCRAM handshake and re-preparing
  // statements, and under bursty load the 10 s churn showed up as 100–400 ms stalls every few seconds.
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, idleTimeoutMillis: 5 * 60_000 });
  // An idle connection the server closed (a restart) is dropped from the pool; it must not crash the process.
  pool.on("error", (err) => logger.warn({ err }, "idle database connection failed"));
  // Prisma ends the pool on $disconnect, as it would its own.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return { client: new PrismaClient({ adapter }), pool };
}

const database = () => processState("db", create);

/** Lazily created so that importing server code (e.g. during `next build`) never needs a database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = database().client;
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * The pool under `db`, for the few hot paths that write in one SQL statement (placing a call), where Prisma's
 * per-query work and an interactive transaction's extra round trips are most of the cost. Same connections,
 * same limit. Everything else goes through `db`.
 */
export function sqlPool(): pg.Pool {
  return database().pool;
}
