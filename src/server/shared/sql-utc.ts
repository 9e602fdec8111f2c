import { Prisma } from "@/generated/prisma/client";

/** A JS time as a value for the `timestamp(3)` columns (UTC wall time, as Prisma writes them), in raw SQL. */
export const sqlUtc = (d: Date): Prisma.Sql => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
