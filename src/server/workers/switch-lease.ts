// The lease of a switch (SwitchLease): one worker at a time drives a FreeSWITCH. What the lease use-cases
// (acquire-, renew-, release-switch-lease.ts) and the use-cases fenced on it (claimQueuedCalls) share.
// Times come from the database's clock, so workers on machines whose clocks disagree still agree on expiry;
// clock_timestamp(), not now(): inside a transaction now() is the transaction's start, possibly long ago.
import { Prisma } from "@/generated/prisma/client";
import type { DbOrTx } from "@/server/db";

export interface SwitchLeaseView {
  switchId: string;
  workerId: string;
  hostname: string;
  acquiredAt: Date;
  renewedAt: Date;
  expiresAt: Date;
}

export interface SwitchLeaseHolderInput {
  switchId: string;
  workerId: string;
}

/** The database clock as the UTC wall time Prisma's timestamp(3) columns hold. */
export const LEASE_CLOCK = Prisma.raw(`(clock_timestamp() AT TIME ZONE 'UTC')`);

export const ttlInterval = (ttlMs: number) => Prisma.sql`(${Math.max(0, Math.round(ttlMs))}::int * interval '1 millisecond')`;

export const LEASE_COLUMNS = Prisma.raw(`"switchId", "workerId", hostname, "acquiredAt", "renewedAt", "expiresAt"`);

/** A worker used a fenced use-case without holding a live lease of its switch (it lapsed, or another took it). */
export class SwitchLeaseNotHeldError extends Error {
  constructor(readonly switchId: string, readonly workerId: string) {
    super(`worker ${workerId} does not hold a live lease of switch ${switchId}`);
    this.name = "SwitchLeaseNotHeldError";
  }
}

export async function findSwitchLease(db: DbOrTx, switchId: string): Promise<SwitchLeaseView | null> {
  const rows = await db.$queryRaw<SwitchLeaseView[]>`SELECT ${LEASE_COLUMNS} FROM "SwitchLease" WHERE "switchId" = ${switchId}`;
  return rows[0] ?? null;
}

/**
 * Inside a transaction: throws unless `workerId` holds a live lease of `switchId`, and keeps the row share-locked
 * until the transaction ends, so no other worker can take the lease over while this transaction still writes.
 */
export async function lockSwitchLease(tx: DbOrTx, input: SwitchLeaseHolderInput): Promise<void> {
  const rows = await tx.$queryRaw<unknown[]>`
    SELECT 1 FROM "SwitchLease"
    WHERE "switchId" = ${input.switchId} AND "workerId" = ${input.workerId} AND "expiresAt" > ${LEASE_CLOCK}
    FOR SHARE`;
  if (rows.length === 0) throw new SwitchLeaseNotHeldError(input.switchId, input.workerId);
}
