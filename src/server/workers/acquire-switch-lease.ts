// A worker takes the lease of its switch before it claims a call or reconciles: in one statement, the lease is
// created, or taken over when it lapsed, or renewed when this worker already holds it. Otherwise the live holder
// is returned, so the worker can name it.
import type { Db } from "@/server/db";
import { findSwitchLease, LEASE_CLOCK, LEASE_COLUMNS, ttlInterval, type SwitchLeaseView } from "./switch-lease";

export interface AcquireSwitchLeaseInput {
  switchId: string;
  workerId: string;
  hostname: string;
  /** The lease lapses this long after its last renewal. */
  ttlMs: number;
}

export type AcquireSwitchLeaseResult = { acquired: true; lease: SwitchLeaseView } | { acquired: false; holder: SwitchLeaseView };

export async function acquireSwitchLease(db: Db, input: AcquireSwitchLeaseInput): Promise<AcquireSwitchLeaseResult> {
  // A holder that releases between the two statements leaves nothing to report: try again.
  for (let attempt = 0; attempt < 3; attempt++) {
    const taken = await db.$queryRaw<SwitchLeaseView[]>`
      WITH clock AS (SELECT ${LEASE_CLOCK} AS now)
      INSERT INTO "SwitchLease" AS l (${LEASE_COLUMNS})
      SELECT ${input.switchId}, ${input.workerId}, ${input.hostname}, clock.now, clock.now, clock.now + ${ttlInterval(input.ttlMs)} FROM clock
      ON CONFLICT ("switchId") DO UPDATE SET
        "workerId" = EXCLUDED."workerId",
        hostname = EXCLUDED.hostname,
        "acquiredAt" = CASE WHEN l."workerId" = EXCLUDED."workerId" THEN l."acquiredAt" ELSE EXCLUDED."acquiredAt" END,
        "renewedAt" = EXCLUDED."renewedAt",
        "expiresAt" = EXCLUDED."expiresAt"
      WHERE l."workerId" = EXCLUDED."workerId" OR l."expiresAt" <= EXCLUDED."renewedAt"
      RETURNING ${LEASE_COLUMNS}`;
    if (taken[0]) return { acquired: true, lease: taken[0] };
    const holder = await findSwitchLease(db, input.switchId);
    if (holder) return { acquired: false, holder };
  }
  throw new Error(`the lease of switch ${input.switchId} changed hands three times while worker ${input.workerId} asked for it`);
}
