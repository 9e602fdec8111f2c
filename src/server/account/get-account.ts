import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import type { Actor } from "@/server/tenancy";

export interface Account {
  id: string;
  name: string;
  status: "ACTIVE" | "SUSPENDED";
  creditMicros: bigint;
  currency: string;
  createdAt: Date;
}

/** The actor's own tenant as the API shows it: one indexed primary-key read (this is the benchmark's route). */
export async function getAccount(actor: Actor): Promise<Account> {
  const tenant = await db.tenant.findUnique({
    where: { id: actor.tenantId },
    select: { id: true, name: true, status: true, creditMicros: true, currency: true, createdAt: true },
  });
  if (!tenant) throw notFound("account");
  return tenant;
}
