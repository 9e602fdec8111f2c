import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";
import { processState } from "@/server/shared/process-state";

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`. Use-cases that write several rows take one. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type DbOrTx = PrismaClient | Tx;

function create(): PrismaClient {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set (start the app through `npm run dev` or `npm start`)");
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter });
}

/** Lazily created so that importing server code (e.g. during `next build`) never needs a database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = processState("db", create);
    const value = Reflect.get(client, prop);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
