import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import type { Actor } from "@/server/tenancy";
import { processState } from "@/server/shared/process-state";

export interface Account {
  id: string;
  name: string;
  status: "ACTIVE" | "SUSPENDED";
  creditMicros: bigint;
  currency: string;
  createdAt: Date;
}

// Concurrent reads of one tenant share one query (single-flight). A request may get the result of a query
// that was already running when it arrived, never anything older: nothing is kept once the query returns.
// This is the API's busiest read (clients poll their balance), and the benchmark's route.
const inFlight = processState("account.inFlight", () => new Map<string, Promise<Account | null>>());

function readTenant(tenantId: string): Promise<Account | null> {
  let pending = inFlight.get(tenantId);
  if (!pending) {
    pending = db.tenant
      .findUnique({ where: { id: tenantId }, select: { id: true, name: true, status: true, creditMicros: true, currency: true, createdAt: true } })
      .finally(() => inFlight.delete(tenantId));
    inFlight.set(tenantId, pending);
  }
  return pending;
}

/** The actor's own tenant as the API shows it. */
export async function getAccount(actor: Actor): Promise<Account> {
  const tenant = await readTenant(actor.tenantId);
  if (!tenant) throw notFound("account");
  return tenant;
}
