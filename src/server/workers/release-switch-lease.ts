// A worker that stops gracefully gives its switch up at once, so the next worker need not wait for the lease to
// lapse. Only its own lease: one taken over meanwhile is not touched. Returns whether it held it.
import type { Db } from "@/server/db";
import type { SwitchLeaseHolderInput } from "./switch-lease";

export async function releaseSwitchLease(db: Db, input: SwitchLeaseHolderInput): Promise<boolean> {
  const { count } = await db.switchLease.deleteMany({ where: { switchId: input.switchId, workerId: input.workerId } });
  return count > 0;
}
