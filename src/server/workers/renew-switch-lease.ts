// The holder extends its lease with every heartbeat. It fails only when the row is no longer this worker's: its
// lease lapsed and another worker took the switch over (this worker must stop claiming and reconciling at once).
// A lapsed lease nobody took is renewed: no other worker drove the switch meanwhile.
import type { Db } from "@/server/db";
import { findSwitchLease, LEASE_CLOCK, LEASE_COLUMNS, ttlInterval, type SwitchLeaseHolderInput, type SwitchLeaseView } from "./switch-lease";

export interface RenewSwitchLeaseInput extends SwitchLeaseHolderInput {
  ttlMs: number;
}

export type RenewSwitchLeaseResult = { renewed: true; lease: SwitchLeaseView } | { renewed: false; holder: SwitchLeaseView | null };

export async function renewSwitchLease(db: Db, input: RenewSwitchLeaseInput): Promise<RenewSwitchLeaseResult> {
  const rows = await db.$queryRaw<SwitchLeaseView[]>`
    WITH clock AS (SELECT ${LEASE_CLOCK} AS now)
    UPDATE "SwitchLease" SET "renewedAt" = clock.now, "expiresAt" = clock.now + ${ttlInterval(input.ttlMs)}
    FROM clock
    WHERE "switchId" = ${input.switchId} AND "workerId" = ${input.workerId}
    RETURNING ${LEASE_COLUMNS}`;
  if (rows[0]) return { renewed: true, lease: rows[0] };
  return { renewed: false, holder: await findSwitchLease(db, input.switchId) };
}
