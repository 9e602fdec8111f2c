import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/generated/prisma/client";
import { freePort } from "../../scripts/lib/free-port";
import { db } from "@/server/db";
import { isDatabaseUnavailable, isTransientDbError } from "./db-errors";

async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error("expected the work to fail");
}

describe("database errors", () => {
  it("a server nobody listens on is unavailable, for model queries, raw queries and transactions", async () => {
    const pool = new pg.Pool({ connectionString: `postgresql://irisx:irisx@127.0.0.1:${await freePort()}/irisx`, connectionTimeoutMillis: 2_000 });
    const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    try {
      for (const work of [() => client.tenant.findFirst(), () => client.$queryRaw`SELECT 1`, () => client.$transaction(async (tx) => tx.tenant.findFirst())]) {
        const err = await errorOf(work);
        expect(isDatabaseUnavailable(err)).toBe(true);
        expect(isTransientDbError(err)).toBe(true);
      }
    } finally {
      await client.$disconnect();
    }
  });

  it("a connection the server terminates (as a shutdown does) is unavailable", async () => {
    const victim = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await victim.connect();
    victim.on("error", () => undefined);
    const pid = (await victim.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const query = errorOf(() => victim.query("SELECT pg_sleep(5)"));
    await new Promise((r) => setTimeout(r, 200));
    await db.$queryRawUnsafe(`SELECT pg_terminate_backend(${pid})`);
    expect(isDatabaseUnavailable(await query)).toBe(true);
    await victim.end().catch(() => undefined);
  });

  it("a constraint violation or bad input is neither unavailable nor transient", async () => {
    const err = await errorOf(() => db.$queryRawUnsafe("SELECT 1/0"));
    expect(isDatabaseUnavailable(err)).toBe(false);
    expect(isTransientDbError(err)).toBe(false);
    expect(isDatabaseUnavailable(new Error("Unique constraint failed on the fields: (`id`)"))).toBe(false);
  });
});
